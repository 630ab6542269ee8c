import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** tsx's loader, by absolute URL, so a child started anywhere runs TypeScript. */
export const TSX = import.meta.resolve('tsx');
export const benchFile = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url));

type Handler = (params: never) => unknown;

/** In a child: answers the parent's calls; exits when the parent goes away, so nothing is left behind. */
export function serve(handlers: Record<string, Handler>): void {
  process.on('message', (raw) => {
    const { id, method, params } = raw as { id: number; method: string; params: unknown };
    const handler = handlers[method];
    if (!handler) return;
    Promise.resolve()
      .then(() => handler(params as never))
      .then(
        (result) => process.send?.({ id, result }),
        (error: unknown) => process.send?.({ id, error: String((error as Error)?.stack ?? error) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  // An orderly exit, so a --cpu-prof profile is written.
  process.once('SIGTERM', () => process.exit(0));
}

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  call<T>(method: string, params?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Cores to pin the process to (taskset -c), or undefined for no pinning. */
  cpus: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  execArgv?: string[];
  args?: string[];
}

/** Starts `node --import tsx <script>` with an IPC channel, pinned with taskset when asked. */
export function spawnNode(name: string, script: string, opts: SpawnOptions): Child {
  const nodeArgs = ['--import', TSX, ...(opts.execArgv ?? []), script, ...(opts.args ?? [])];
  const [command, args] = opts.cpus
    ? ['taskset', ['-c', opts.cpus, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(command, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
  });
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw) => {
    const { id, result, error } = raw as { id: number; result?: unknown; error?: string };
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (error) p.reject(new Error(`${name}: ${error}`));
    else p.resolve(result);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`${name} exited (${code ?? signal}) during a call`));
    pending.clear();
  });
  return {
    name,
    process: child,
    call<T>(method: string, params?: unknown) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, method, params });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const live = new Set<Child>();
/** Every child is tracked so an interrupted run still ends them all. */
export function tracked(child: Child): Child {
  live.add(child);
  child.process.once('exit', () => live.delete(child));
  return child;
}
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((c) => c.stop()));
}
