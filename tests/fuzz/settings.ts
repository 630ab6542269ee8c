import fc from 'fast-check';

/**
 * One seed and one budget for every fuzz test. `pnpm test` runs a bounded number of messages per
 * transport; `pnpm fuzz` sets FUZZ_MESSAGES=100000. A failure prints its seed: FUZZ_SEED=<seed>
 * reproduces it exactly.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
export const FUZZ_MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 3000);

/** How many fast-check runs make `messages` messages when each run sends `perRun` of them. */
export const runsFor = (perRun: number, messages = FUZZ_MESSAGES): number => Math.max(1, Math.ceil(messages / perRun));

export function announce(name: string): void {
  console.log(`[fuzz] ${name}: seed ${FUZZ_SEED}, ${FUZZ_MESSAGES} messages (reproduce with FUZZ_SEED=${FUZZ_SEED})`);
}

/**
 * fast-check's parameters for a fuzz property: the seed, the runs, and a report that stays readable
 * (a counterexample of huge strings or deep nesting would otherwise print megabytes).
 */
export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  return {
    seed: FUZZ_SEED,
    numRuns,
    endOnFailure: true,
    asyncReporter: async (details) => {
      if (!details.failed) return;
      const error =
        details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
      let example: string;
      try {
        example = fc.stringify(details.counterexample).slice(0, 1500);
      } catch {
        example = '(too deeply nested to print; replay it from the seed)';
      }
      throw new Error(
        `fuzz failed (FUZZ_SEED=${details.seed}, path ${details.counterexamplePath}): ${error.message.slice(0, 1500)}\ncounterexample (cut): ${example}\n${error.stack?.split('\n').slice(1, 8).join('\n') ?? ''}`,
      );
    },
  };
}
