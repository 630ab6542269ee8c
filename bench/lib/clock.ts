/**
 * Milliseconds on the machine's monotonic clock. Every process on one machine reads the same
 * CLOCK_MONOTONIC, so a time taken in the moderator's process and one taken in a participant's
 * process can be subtracted; Date.now() has 1 ms resolution and can step.
 */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` is true or `timeoutMs` passes; returns whether it became true. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50) {
  const end = now() + timeoutMs;
  while (now() < end) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}
