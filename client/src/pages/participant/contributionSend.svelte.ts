import type { ContributionTopic, Failure } from '@roundtable/shared';
import type { RoundtableConnection } from '../../lib/connection.svelte';
import { recall, remember } from '../../lib/remembered';

/** A contribution this phone sent, as it remembers it: the public view holds none of them. */
export interface Sent {
  /** The item it was for (the one under way when sent); null for the lessons learned. */
  itemId: string | null;
  text: string;
  at: number;
}

/** Sends this phone's contributions and keeps the list of what the rapporteurs received from it. */
export class ContributionSend {
  readonly #connection: RoundtableConnection;
  readonly #key: string;
  sent = $state<Sent[]>([]);
  busy = $state(false);
  error = $state<Failure | null>(null);
  /** The last one was received: said until the person writes again. */
  received = $state(false);

  constructor(connection: RoundtableConnection, roundtableId: string) {
    this.#connection = connection;
    this.#key = `roundtable.contributions.${roundtableId}`;
    this.sent = recall<Sent[]>(this.#key, []);
  }

  /** Resolves true once the server took it. */
  async submit(topic: ContributionTopic, text: string, itemId: string | null): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.received = false;
    const ack = await this.#connection.send({ type: 'contribution.submit', topic, text: text.trim() });
    this.busy = false;
    this.error = ack.ok ? null : ack;
    if (!ack.ok) return false;
    const sent: Sent = { itemId: topic === 'lessons' ? null : itemId, text: text.trim(), at: Date.now() };
    this.sent = [...this.sent, sent];
    this.received = true;
    remember(this.#key, this.sent);
    return true;
  }
}
