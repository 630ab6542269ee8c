/** At most one send per roundtable per window, however fast changes come. */
export const WINDOW_MS = 100;

/**
 * When a roundtable's pending changes go out: the first after a quiet window at once (in the same
 * turn of the event loop, batched with its neighbours); those in the next WINDOW_MS together, when it
 * ends. `dueNow` says whether the pending send runs in this turn anyway.
 */
export class SendWindow {
  private readonly timers = new Map<string, { now: boolean; cancel: () => void }>();
  private readonly lastSent = new Map<string, number>();

  /** `send` answers whether it sent a state: only a state opens a window (presence alone does not). */
  constructor(private readonly send: (roundtableId: string) => boolean) {}

  schedule(roundtableId: string): void {
    if (this.timers.has(roundtableId)) return;
    const wait = (this.lastSent.get(roundtableId) ?? -Infinity) + WINDOW_MS - performance.now();
    const run = () => this.flush(roundtableId);
    if (wait > 0) {
      const t = setTimeout(run, wait);
      this.timers.set(roundtableId, { now: false, cancel: () => clearTimeout(t) });
    } else {
      const t = setImmediate(run);
      this.timers.set(roundtableId, { now: true, cancel: () => clearImmediate(t) });
    }
  }

  dueNow(roundtableId: string): boolean {
    return this.timers.get(roundtableId)?.now ?? false;
  }

  /** Sends what is pending now, whatever the window says. */
  flush(roundtableId: string): void {
    this.timers.get(roundtableId)?.cancel();
    this.timers.delete(roundtableId);
    if (this.send(roundtableId)) this.lastSent.set(roundtableId, performance.now());
  }
}
