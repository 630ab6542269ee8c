import type { Failure, Lang } from '@roundtable/shared';
import type { RoundtableConnection } from '../../lib/connection.svelte';
import { recall, remember } from '../../lib/remembered';

/** The remarks this phone sent, as it remembers them: the room's view never holds them. */
export interface SentRemarks {
  language: Lang;
  text: string;
  at: number;
}

/** Sends an invited speaker's remarks to the interpreters, replaces and withdraws them. */
export class RemarksSend {
  readonly #connection: RoundtableConnection;
  readonly #key: string;
  sent = $state<SentRemarks | null>(null);
  busy = $state(false);
  error = $state<Failure | null>(null);
  /** Said until the speaker sends again: the interpreters no longer have a text. */
  withdrawn = $state(false);

  constructor(connection: RoundtableConnection, roundtableId: string, participantId: string) {
    this.#connection = connection;
    this.#key = `roundtable.remarks.${roundtableId}.${participantId}`;
    this.sent = recall<SentRemarks | null>(this.#key, null);
  }

  /** Resolves true once the server took it; an empty text withdraws what was sent. */
  async submit(language: Lang, text: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    const ack = await this.#connection.send({ type: 'remarks.submit', language, text: text.trim() });
    this.busy = false;
    this.error = ack.ok ? null : ack;
    if (!ack.ok) return false;
    this.sent = text.trim() === '' ? null : { language, text: text.trim(), at: Date.now() };
    this.withdrawn = this.sent === null;
    remember(this.#key, this.sent);
    return true;
  }
}
