import { erasureDueAt, type Actor } from '@roundtable/shared';
import type { Logger } from 'pino';
import type { Roundtables } from './roundtables.js';
import type { Store } from './store/store.js';

/** Who erases when the retention period has passed: the server, as the moderator would. */
const RETENTION: Actor = { kind: 'link', linkId: 'retention', role: 'moderator' };
export const RETENTION_SWEEP_MS = 3_600_000;

/**
 * Erases the personal data of every ended roundtable whose retention period has passed (roster/retention.ts).
 * A sweep at start and every hour: a day's precision is all a period of days needs. An archived roundtable
 * is served to nobody and waits: it is erased once the operator restores it (docs/PRIVACY.md).
 */
export class RetentionSweeper {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly roundtables: Roundtables,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Erases what is due now; returns the roundtables it erased. */
  async sweep(): Promise<string[]> {
    const now = this.clock();
    const erased: string[] = [];
    for (const { id, archivedAt } of await this.store.storedRoundtables()) {
      if (archivedAt !== null) continue;
      const state = await this.roundtables.peek(id);
      const due = state ? erasureDueAt(state) : null;
      if (!state || due === null || due > now) continue;
      const envelope = { baseVersion: state.version, command: { type: 'roundtable.erasePersonalData' } };
      const ack = await this.roundtables.execute(id, { system: RETENTION }, envelope);
      if (ack.ok) erased.push(id);
      // Every node sweeps: one that finds another has just erased it has nothing to report.
      else if (await this.stillDue(id, now)) {
        this.log.error({ roundtableId: id, reason: ack.reason }, 'retention erasure refused');
      }
    }
    if (erased.length > 0) this.log.info({ roundtables: erased }, 'personal data erased: retention period over');
    return erased;
  }

  private async stillDue(roundtableId: string, now: number): Promise<boolean> {
    const state = await this.roundtables.peek(roundtableId);
    const due = state ? erasureDueAt(state) : null;
    return due !== null && due <= now;
  }

  start(everyMs = RETENTION_SWEEP_MS): void {
    this.#safeSweep();
    this.#timer = setInterval(() => this.#safeSweep(), everyMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #safeSweep(): void {
    this.sweep().catch((error: unknown) => this.log.error({ err: error }, 'retention sweep failed'));
  }
}
