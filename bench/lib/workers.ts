import { benchFile, spawnNode, tracked, type Child } from './rpc.js';

/** `count` client processes running `script`, all pinned to `cpus`. */
export function spawnWorkers(script: string, count: number, cpus: string | undefined): Child[] {
  return Array.from({ length: count }, (_, i) =>
    tracked(
      spawnNode(`${script} #${i}`, benchFile(script), {
        cpus,
        execArgv: [
          '--max-old-space-size=4096',
          ...(process.env.BENCH_CLIENT_PROFILE
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CLIENT_PROFILE}`]
            : []),
        ],
      }),
    ),
  );
}

/** Deals `items` round-robin into `parts` lists. */
export function deal<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => out[i % parts]?.push(item));
  return out;
}

export const stopWorkers = (workers: Child[]): Promise<void[]> => Promise.all(workers.map((w) => w.stop()));
