import { createSubscriber } from 'svelte/reactivity';

/**
 * The server's time, ticking locally four times a second: countdowns are drawn from server
 * timestamps and the measured offset, never from a per-second broadcast. The timer runs only
 * while an effect or a template reads `now`, and stops with the last of them.
 */
export class Clock {
  readonly #serverNow: () => number;
  readonly #subscribe: () => void;
  /** The time at the last tick: every reader in one tick sees the same instant. */
  #tick = 0;

  constructor(serverNow: () => number, everyMs = 250) {
    this.#serverNow = serverNow;
    this.#subscribe = createSubscriber((update) => {
      this.#tick = serverNow();
      const timer = setInterval(() => {
        this.#tick = serverNow();
        update();
      }, everyMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    if (!$effect.tracking()) return this.#serverNow();
    this.#subscribe();
    return this.#tick;
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
