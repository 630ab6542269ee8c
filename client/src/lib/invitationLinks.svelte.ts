import type { Failure } from '@roundtable/shared';
import { isFailure } from './api';
import { fetchInvitations } from './invitations';
import { localFailure } from './localFailure';

/**
 * A person's personal invitation link (lib/invitations.ts, with the page's key) when their QR is asked for;
 * kept by person and serial, so a re-issued invitation (the old link no longer works) is fetched again.
 */
export class Invitations {
  /** By person and serial. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache: pages show the link a call answers
  #urls = new Map<string, string>();
  #error = $state<Failure | null>(null);

  constructor(
    private readonly roundtableId: string,
    private readonly key: string,
  ) {}

  get error(): Failure | null {
    return this.#error;
  }

  /** The person's personal link, or null with `error` set. */
  async urlOf(participantId: string, serial: number): Promise<string | null> {
    const key = `${participantId} ${serial}`;
    if (!this.#urls.has(key)) await this.#load(participantId, key);
    return this.#urls.get(key) ?? null;
  }

  async #load(participantId: string, key: string): Promise<void> {
    this.#error = null;
    const res = await fetchInvitations(this.roundtableId, this.key);
    if (isFailure(res)) return void (this.#error = res);
    // The list says nothing of serials: only the person asked about is kept, under the serial the page knows.
    const url = res.invitations.find((i) => i.participantId === participantId)?.url;
    if (url) this.#urls.set(key, url);
    else this.#error = localFailure('internal');
  }
}
