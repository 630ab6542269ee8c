import type { Failure, StateView } from '@roundtable/shared';
import { isFailure } from '../api';
import { fetchInvitations } from '../invitations';

/** Who is on the roster with which invitation: an import adds people, a re-issue changes a person's link. */
const rosterShape = (rt: StateView): string =>
  rt.participants.map((p) => `${p.id}:${p.status}:${p.invitation?.serial ?? 0}`).join();

/**
 * The personal links the badges carry, asked for again whenever the roster or an invitation changes, so
 * a badge printed after a re-issue never carries the old, dead link.
 */
export class InvitationLinks {
  urls = $state.raw<ReadonlyMap<string, string> | null>(null);
  error = $state<Failure | null>(null);
  #asked = '';
  readonly #roundtableId: string;
  readonly #key: string;

  constructor(roundtableId: string, key: string) {
    this.#roundtableId = roundtableId;
    this.#key = key;
  }

  follow(rt: StateView): void {
    const shape = rosterShape(rt);
    if (shape === this.#asked) return;
    this.#asked = shape;
    void this.#load(shape);
  }

  async #load(shape: string): Promise<void> {
    const res = await fetchInvitations(this.#roundtableId, this.#key);
    // A later change asked again: its answer is the one to keep.
    if (shape !== this.#asked) return;
    if (isFailure(res)) {
      this.error = res;
      return;
    }
    this.error = null;
    // Replaced whole with every answer, never changed in place: no reactive map needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.urls = new Map(res.invitations.map((i) => [i.participantId, i.url]));
  }
}
