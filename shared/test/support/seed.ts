import fc from 'fast-check';

/** shared/ is typed without Node's globals; vitest runs it in Node. */
declare const process: { env: Record<string, string | undefined> };

/**
 * One seed for every property test of a run. Fixed, so `pnpm test` is the same run on every clone;
 * `TEST_SEED=<n>` explores other inputs, and a failure names the seed that replays it.
 */
export const TEST_SEED = Number(process.env.TEST_SEED ?? 20261203);

/** fast-check's parameters for a property test: the run's seed, and a failure that says how to replay it. */
export function seeded<T>(numRuns?: number): fc.Parameters<T> {
  return {
    seed: TEST_SEED,
    ...(numRuns === undefined ? {} : { numRuns }),
    reporter: (details) => {
      if (!details.failed) return;
      throw new Error(`property failed; replay with TEST_SEED=${details.seed}\n${fc.defaultReportMessage(details)}`);
    },
  };
}
