import * as Y from 'yjs';
import {
  activeParticipants,
  describeIssues,
  NextEditionRequest,
  nextEditionInput,
  nextSeries,
  refusal,
  seriesOf,
  type CreateRoundtableResponse,
  type Failure,
  type RoundtableState,
  type SeriesEdition,
  type SeriesResponse,
} from '@roundtable/shared';
import { createRoundtableFromInput } from './create.js';
import { SerialQueue } from './serialQueue.js';
import type { Roundtables } from './roundtables.js';
import type { Store } from './store/store.js';
import type { Documents } from './yjs/documents.js';
import { copies, lessonsOf, writeFollowUp, type Block } from './yjs/followUp.js';

/** A roundtable's editions: the next one made from it, and the series they form. */
export class Editions {
  private readonly creating = new SerialQueue();

  constructor(
    private readonly roundtables: Roundtables,
    private readonly store: Store,
    private readonly documents: Documents,
  ) {}

  /** The editions of the roundtable's series, in order, as its moderator sees them. */
  async list(state: RoundtableState): Promise<SeriesResponse> {
    const seriesId = seriesOf(state).id;
    const editions = (await this.members(state))
      .map((edition): SeriesEdition => {
        const { edition: number } = seriesOf(edition);
        return {
          roundtableId: edition.id,
          edition: number,
          title: edition.title,
          startsAt: edition.startsAt,
          timeZone: edition.timeZone,
          venue: edition.venue,
          participantCount: activeParticipants(edition).length,
          ended: edition.endedAt !== null,
          finalisedAt: edition.review.final?.at ?? null,
          current: edition.id === state.id,
          archive: `/api/roundtables/${state.id}/series/${edition.id}/`,
        };
      })
      .sort((a, b) => a.edition - b.edition);
    return { seriesId, editions };
  }

  /** Whether `editionId` belongs to the same series as `state` (so its moderators may read its archive). */
  async inSeries(state: RoundtableState, editionId: string): Promise<boolean> {
    return (await this.members(state)).some((e) => e.id === editionId);
  }

  /**
   * Creates the next edition of `previous`: its settings and agenda (nextEditionInput), a new join code and
   * secrets, nobody in the roster, and an outcome document that opens with the previous lessons learned.
   * An edition has one next edition, so a second press (or a second moderator) does not make two.
   */
  create(previous: RoundtableState, raw: unknown, publicUrl: string): Promise<CreateRoundtableResponse | Failure> {
    const parsed = NextEditionRequest.safeParse(raw);
    if (!parsed.success) {
      return Promise.resolve(refusal('invalid_edition', { details: describeIssues(parsed.error) }));
    }
    // One at a time per series: the check for an existing next edition and its creation are one step.
    return this.creating.run(seriesOf(previous).id, () => this.createNext(previous, parsed.data, publicUrl));
  }

  private async createNext(
    previous: RoundtableState,
    request: NextEditionRequest,
    publicUrl: string,
  ): Promise<CreateRoundtableResponse | Failure> {
    if ((await this.members(previous)).some((e) => e.series?.previousId === previous.id)) {
      return refusal('next_edition_exists');
    }
    const lessons = await this.previousLessons(previous);
    const input = nextEditionInput(previous, request);
    const created = await createRoundtableFromInput(
      this.roundtables,
      this.store,
      publicUrl,
      input,
      nextSeries(previous),
    );
    if ('ok' in created) return created;
    const state = await this.roundtables.get(created.roundtableId);
    if (state) {
      // get() writes the outline of the new agenda first; the follow-up goes above it.
      const shared = await this.documents.get(state.id);
      Y.transact(shared.doc, () => writeFollowUp(shared.doc, state, lessons), 'server');
      this.documents.release(state.id);
    }
    return created;
  }

  /**
   * Copies of the previous edition's lessons learned. They come from its live outcome document: swap this
   * for the finalised version once reviews finalise one, which is what a next edition should follow up.
   */
  private async previousLessons(previous: RoundtableState): Promise<Block[]> {
    const shared = await this.documents.get(previous.id);
    const lessons = copies(lessonsOf(shared.doc, previous));
    this.documents.release(previous.id);
    return lessons;
  }

  private async members(state: RoundtableState): Promise<RoundtableState[]> {
    const ids = await this.store.seriesMembers(seriesOf(state).id);
    const members = await Promise.all(ids.map(async (id) => (id === state.id ? state : this.roundtables.get(id))));
    return members.filter((m): m is RoundtableState => m !== undefined && seriesOf(m).id === seriesOf(state).id);
  }
}
