import { onDestroy } from 'svelte';

/**
 * The server's time, ticking locally four times a second: countdowns are drawn from server
 * timestamps and the measured offset, never from a per-second broadcast.
 */
export class Clock {
  #now = $state(0);

  constructor(serverNow: () => number, everyMs = 250) {
    this.#now = serverNow();
    const timer = setInterval(() => (this.#now = serverNow()), everyMs);
    onDestroy(() => clearInterval(timer));
  }

  get now(): number {
    return this.#now;
  }
}

/** m:ss, with a minus sign in overtime. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${sign}${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
