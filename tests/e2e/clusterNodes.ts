import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';

// Server processes of a cluster for the end-to-end tests, as tests/support/process.ts starts them for vitest
// (whose `expect` this cannot use): `tsx src/main.ts`, ready when /healthz answers.

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The test Redis (TEST_REDIS_URL) in a logical database picked at random, away from other tests' nodes. */
export function redisUrl(): string {
  const shared = process.env.TEST_REDIS_URL;
  if (!shared)
    throw new Error('TEST_REDIS_URL is not set: start one with `export TEST_REDIS_URL=$(scripts/redis.sh start)`.');
  const url = new URL(shared);
  url.pathname = `/${randomInt(1, 16)}`;
  return url.toString();
}

export interface ClusterNode {
  port: number;
  /** Its log lines so far (JSON, warn and above), for a failure's message. */
  logged: string[];
  /** SIGKILL, and waits for the process to be gone: a machine lost, nothing said to anyone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, database and Redis. */
  restart(): Promise<void>;
}

/** A node on `port`; `env` names its PostgreSQL and Redis (nothing is kept on its disk in cluster mode). */
export async function startNode(port: number, env: NodeJS.ProcessEnv): Promise<ClusterNode> {
  const logged: string[] = [];
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      logged.push(...lines.filter(Boolean));
    });
    const ready = () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
    await expect.poll(ready, { timeout: 20_000, message: `node on ${port}: ${logged.join('\n')}` }).toBe(200);
  };
  await launch();
  return {
    port,
    logged,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
    restart: launch,
  };
}
