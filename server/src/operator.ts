import {
  OperatorDeleteRequest,
  activeParticipants,
  confirmsDeletion,
  describeIssues,
  refusal,
  type Failure,
  type OperatorList,
  type OperatorRoundtable,
  type RoundtableState,
} from '@roundtable/shared';
import type { Logger } from 'pino';
import type { Roundtables } from './roundtables.js';
import type { StoredRoundtable } from './store/operatorStore.js';
import type { Store } from './store/store.js';

/**
 * What the operator of a server does to whole roundtables (the operator page, http/instance.ts).
 *
 * Archiving keeps every row and serves the roundtable to nobody: it leaves memory, its open
 * connections end, and its links, device tokens and join code are answered `roundtable_archived`
 * (only to those who hold one of them) until it is restored, when it loads again as it was. Deleting
 * removes every row of it, in every table, at once; its links and join code are then unknown.
 */
export class Operator {
  constructor(
    private readonly roundtables: Roundtables,
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** Every stored roundtable, archived ones too, the most recently active first. */
  async list(): Promise<OperatorList> {
    const rows = await Promise.all((await this.store.storedRoundtables()).map((stored) => this.row(stored)));
    return { roundtables: rows.sort((a, b) => b.lastActivityAt - a.lastActivityAt) };
  }

  async archive(roundtableId: string): Promise<OperatorRoundtable | Failure> {
    const stored = await this.store.storedRoundtable(roundtableId);
    if (!stored) return refusal('roundtable_not_found');
    // Marked first, so whoever reconnects once their session ends below is told it is archived.
    if (stored.archivedAt === null) await this.store.setArchived(roundtableId, Date.now());
    this.roundtables.evict(roundtableId, refusal('roundtable_archived'));
    this.log.info({ roundtableId }, 'roundtable archived by the operator');
    return this.current(roundtableId);
  }

  async restore(roundtableId: string): Promise<OperatorRoundtable | Failure> {
    if (!(await this.store.setArchived(roundtableId, null))) return refusal('roundtable_not_found');
    this.log.info({ roundtableId }, 'roundtable restored by the operator');
    return this.current(roundtableId);
  }

  /** Deletes it for good, once what the operator typed names it (confirmsDeletion). */
  async remove(roundtableId: string, raw: unknown): Promise<{ ok: true; deleted: string } | Failure> {
    const parsed = OperatorDeleteRequest.safeParse(raw);
    if (!parsed.success) return refusal('invalid_form', { details: describeIssues(parsed.error) });
    const stored = await this.store.storedRoundtable(roundtableId);
    if (!stored) return refusal('roundtable_not_found');
    if (!confirmsDeletion(await this.row(stored), parsed.data.confirm)) return refusal('deletion_unconfirmed');
    // Out of memory first: an open document could otherwise write to it after its rows are gone.
    this.roundtables.evict(roundtableId, refusal('roundtable_deleted'));
    await this.store.deleteRoundtable(roundtableId);
    this.log.info({ roundtableId }, 'roundtable deleted by the operator');
    return { ok: true, deleted: roundtableId };
  }

  private async current(roundtableId: string): Promise<OperatorRoundtable | Failure> {
    const stored = await this.store.storedRoundtable(roundtableId);
    return stored ? this.row(stored) : refusal('roundtable_not_found');
  }

  private async row(stored: StoredRoundtable): Promise<OperatorRoundtable> {
    const state = await this.readable(stored.id);
    const { state: stateBytes, events, document } = stored.bytes;
    return {
      id: stored.id,
      title: state?.title ?? null,
      languages: state?.languages ?? [],
      joinCode: stored.joinCode,
      createdAt: stored.createdAt,
      endedAt: state?.endedAt ?? null,
      archivedAt: stored.archivedAt,
      participants: state ? activeParticipants(state).length : null,
      lastActivityAt: Math.max(stored.updatedAt, stored.documentEditedAt ?? 0),
      storage: { state: stateBytes, events, document, total: stateBytes + events + document },
    };
  }

  /** Its state, or none when it cannot be rebuilt: such a roundtable is listed still, so it can be deleted. */
  private async readable(roundtableId: string): Promise<RoundtableState | undefined> {
    try {
      return await this.roundtables.peek(roundtableId);
    } catch (error) {
      this.log.error({ err: error, roundtableId }, 'a stored roundtable cannot be read');
      return undefined;
    }
  }
}
