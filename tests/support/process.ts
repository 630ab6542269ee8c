import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export type ServerProcess = ChildProcess & { /** Its log lines so far (JSON, warn and above). */ logged: string[] };

/** The real server in a process of its own, as `pnpm start` runs it, ready when /healthz answers. */
export async function startProcess(port: number, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  }) as ServerProcess;
  child.logged = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    child.logged.push(...lines.filter(Boolean));
  });
  // A loop of its own rather than expect.poll, which works only inside a test (not in beforeAll).
  const deadline = Date.now() + 20_000;
  const healthy = () =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
  while (!(await healthy())) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server on port ${port} did not become healthy (exit ${child.exitCode ?? child.signalCode})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}
