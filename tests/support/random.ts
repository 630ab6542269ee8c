/**
 * A seeded source of random integers for tests that make random input without fast-check. The
 * seed is fixed, so `pnpm test` is the same run on every clone; `TEST_SEED=<n>` explores others.
 */
export const TEST_SEED = Number(process.env.TEST_SEED ?? 20261203);

/** A random integer in [0, n), from mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed = TEST_SEED): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}
