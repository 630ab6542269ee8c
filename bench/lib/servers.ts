import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { benchFile, spawnNode, tracked, type Child } from './rpc.js';
import { until } from './clock.js';
import type { ServerMetrics } from '../server/preload.js';

export interface ServerUnderTest {
  kind: 'ours' | 'reference' | 'floor';
  url: string;
  port: number;
  dataDir?: string;
  child: Child;
  metrics(gc?: boolean): Promise<ServerMetrics>;
  resetMetrics(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  cpus: string | undefined;
  /** Directory for --cpu-prof output, when profiling. */
  profileDir?: string | undefined;
}

const root = benchFile('..');

/** Data directories made here, removed at the end even if a run is interrupted. */
const dataDirs = new Set<string>();
export function removeDataDirs(): void {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  dataDirs.clear();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

async function start(
  kind: ServerUnderTest['kind'],
  script: string,
  opts: ServerOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
  dataDir?: string,
  keepData = false,
): Promise<ServerUnderTest> {
  const port = await freePort();
  const execArgv = ['--import', benchFile('server/preload.ts'), '--expose-gc'];
  if (opts.profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${path.join(opts.profileDir, kind)}`);
  const child = tracked(
    spawnNode(`${kind} server`, script, {
      cpus: opts.cpus,
      cwd,
      execArgv,
      env: { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env },
    }),
  );
  if (!(await until(() => accepts(port), 30_000, 100))) throw new Error(`${kind} server did not start`);
  return {
    kind,
    port,
    url: `http://127.0.0.1:${port}`,
    ...(dataDir ? { dataDir } : {}),
    child,
    metrics: (gc = false) => child.call<ServerMetrics>('metrics.read', { gc }),
    resetMetrics: () => child.call('metrics.reset'),
    async stop() {
      await child.stop();
      if (dataDir && !keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Ours, as `pnpm start` runs it (server/src/main.ts under tsx) with production settings, in its own
 * process, with a fresh data directory. Joining is not rate-limited: every phone here has one address.
 * It serves no client unless given a built one (`clientDist`).
 */
export function startOurs(
  opts: ServerOptions & { keepData?: boolean; dataDir?: string; clientDist?: string; env?: NodeJS.ProcessEnv },
): Promise<ServerUnderTest> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-bench-'));
  dataDirs.add(dataDir);
  return start(
    'ours',
    path.join(root, 'server/src/main.ts'),
    opts,
    {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      CLIENT_DIST: opts.clientDist ?? path.join(dataDir, 'no-client'),
      // Thousands of simulated phones share one loopback address and a few keys: no per-address limits.
      JOIN_RATE_LIMIT: '100000',
      PENDING_CONNECTIONS_PER_ADDRESS: '1000000',
      CONNECTIONS_PER_KEY: '100000',
      COMMAND_RATE_LIMIT: '100000',
      CREATE_RATE_LIMIT: '100000',
      // A cluster node: DATABASE_URL, REDIS_URL.
      ...opts.env,
    },
    path.join(root, 'server'),
    dataDir,
    opts.keepData,
  );
}

/** The plain reference y-websocket server: in memory, no auth, no persistence. */
export function startReference(opts: ServerOptions): Promise<ServerUnderTest> {
  const pkg = createRequire(import.meta.url).resolve('@y/websocket-server/package.json');
  return start('reference', path.join(path.dirname(pkg), 'src/server.js'), opts, {}, root);
}

/** The floor: a minimal raw `ws` broadcaster (floor/server.ts). */
export function startFloor(opts: ServerOptions): Promise<ServerUnderTest> {
  return start('floor', benchFile('floor/server.ts'), opts, {}, root);
}
