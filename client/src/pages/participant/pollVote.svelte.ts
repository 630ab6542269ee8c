import type { Failure, Poll } from '@roundtable/shared';
import type { RoundtableConnection } from '../../lib/connection.svelte';
import { recall, remember } from '../../lib/remembered';

type Choices = Record<string, number[]>;

/** This phone's answers to a roundtable's polls (the one being sent included) and why the server refused one. */
export class PollVote {
  readonly #connection: RoundtableConnection;
  readonly #key: string;
  #choices = $state<Choices>({});
  busy = $state(false);
  // With its poll: a refusal of one poll is not shown under the next.
  #failed = $state<{ pollId: string; failure: Failure } | null>(null);

  constructor(connection: RoundtableConnection, roundtableId: string) {
    this.#connection = connection;
    this.#key = `roundtable.pollChoices.${roundtableId}`;
    this.#choices = recall<Choices>(this.#key, {});
  }

  /** Why the server refused this phone's last vote in a poll, if it did. */
  error(pollId: string): Failure | null {
    return this.#failed?.pollId === pollId ? this.#failed.failure : null;
  }

  /** What this phone chose in a poll; none if it did not vote (or withdrew). */
  chosen(pollId: string): readonly number[] {
    return this.#choices[pollId] ?? [];
  }

  /**
   * One tap on an option: in a single-answer poll it votes for that option, or withdraws when it was the
   * one chosen; in a multiple choice it adds or removes the option.
   */
  async tap(poll: Poll, option: number, polls: readonly Poll[]): Promise<void> {
    if (this.busy) return;
    const before = this.chosen(poll.id);
    const has = before.includes(option);
    const choices = poll.multiple
      ? has
        ? before.filter((c) => c !== option)
        : [...before, option].sort((a, b) => a - b)
      : has
        ? []
        : [option];
    // Kept before it is sent, so a page reloaded while the answer travels still shows it; taken back if refused.
    this.#keep(poll.id, choices, polls);
    this.busy = true;
    const ack = await this.#connection.send({ type: 'poll.vote', pollId: poll.id, choices });
    this.busy = false;
    this.#failed = ack.ok ? null : { pollId: poll.id, failure: ack };
    if (!ack.ok) this.#keep(poll.id, [...before], polls);
  }

  #keep(pollId: string, choices: number[], polls: readonly Poll[]): void {
    // Only the roundtable's polls are kept: one removed by the moderator is forgotten here too.
    const kept = Object.fromEntries(Object.entries(this.#choices).filter(([id]) => polls.some((p) => p.id === id)));
    this.#choices = { ...kept, [pollId]: choices };
    remember(this.#key, this.#choices);
  }
}
