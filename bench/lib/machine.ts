import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const info = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /model name\s*:\s*(.+)/.exec(info)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cores: os.availableParallelism(),
    cpu: cpu.trim(),
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export interface CorePlan {
  server: string | undefined;
  clients: string | undefined;
  description: string;
}

const hasTaskset = () => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * The server under test gets core 0 to itself; every client process, and this orchestrator (which
 * also plays the moderator), share the other cores. Without taskset or with --no-pin, the kernel
 * places everything.
 */
export function planCores(pin: boolean): CorePlan {
  const n = os.availableParallelism();
  if (!pin || n < 2 || !hasTaskset()) {
    return {
      server: undefined,
      clients: undefined,
      description: `${n} cores, not pinned: server, clients and orchestrator share them`,
    };
  }
  const clients = n === 2 ? '1' : `1-${n - 1}`;
  execFileSync('taskset', ['-a', '-p', '-c', clients, String(process.pid)], { stdio: 'ignore' });
  return {
    server: '0',
    clients,
    description: `${n} cores: core 0 = the server under test (one process: ours, the reference or the floor); core ${clients} = client processes and this orchestrator (moderator)`,
  };
}
