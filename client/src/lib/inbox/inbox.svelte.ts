import { attributionParts, type Contribution, type ContributionStatus, type StateView } from '@roundtable/shared';
import { CommandRunner } from '../../pages/moderator/commands.svelte';
import type { RoundtableConnection } from '../connection.svelte';
import type { DocumentEditor } from '../document/editor.svelte';
import { delegationName, person } from '../floor';
import type { InboxFilter } from './groups';

/** Why a contribution cannot go into the document now, as the inbox says it. */
export type InsertBlock = 'inbox.blocked.review' | 'inbox.blocked.final' | 'inbox.blocked.ended' | 'inbox.blocked.role';

/** Who wrote a contribution and for whom, as the inbox shows them. */
export function writerOf(rt: StateView, c: Contribution): { name: string; delegation: string } {
  return { name: person(rt, c.participantId)?.name ?? '—', delegation: delegationName(rt, c.delegationId) };
}

/**
 * The rapporteurs' inbox on one page: the tab it shows, and what it does with a contribution — into the
 * document at the cursor, set aside, back to new, onto the projector. The server's can() decides who may.
 */
export class Inbox {
  filter = $state<InboxFilter>('new');
  readonly runner: CommandRunner;
  readonly #connection: RoundtableConnection;

  constructor(connection: RoundtableConnection) {
    this.#connection = connection;
    this.runner = new CommandRunner(connection);
  }

  get mayMark(): boolean {
    return this.#connection.may('contribution.mark');
  }
  get mayShow(): boolean {
    return this.#connection.may('projector.show');
  }

  /** Why this page may not write the document now (null: it may), for the disabled insert buttons. */
  blocked(rt: StateView): InsertBlock | null {
    if (this.#connection.may('document.write')) return null;
    if (rt.endedAt !== null) return 'inbox.blocked.ended';
    if (rt.review.status === 'open') return 'inbox.blocked.review';
    if (rt.review.status === 'final') return 'inbox.blocked.final';
    return 'inbox.blocked.role';
  }

  /**
   * A document edit like typing (so it syncs to the other rapporteurs and is saved), then the contribution is
   * marked used: inserted twice by two rapporteurs at once, it is in the text twice and used once.
   */
  async insert(rt: StateView, c: Contribution, editor: DocumentEditor): Promise<void> {
    const { name, delegation } = writerOf(rt, c);
    editor.insertAttributed(attributionParts(name, delegation || null), c.text, c.itemId);
    await this.mark(c, 'used');
  }

  async mark(c: Contribution, status: ContributionStatus): Promise<void> {
    await this.runner.run({ type: 'contribution.mark', contributionId: c.id, status });
  }

  async show(c: Contribution): Promise<void> {
    await this.runner.run({ type: 'projector.show', view: { mode: 'contribution', contributionId: c.id } });
  }

  /** The projector back to the floor, its usual view. */
  async hide(): Promise<void> {
    await this.runner.run({ type: 'projector.show', view: { mode: 'floor' } });
  }
}
