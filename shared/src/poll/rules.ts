/**
 * Quick polls, as plain constants and functions (no zod), so the phone that shows a poll loads no
 * schemas. The schemas are in schema.ts.
 */

/** Agree/disagree/abstain; TCQ's temperature check; or options typed by the moderator on the spot. */
export const POLL_PRESETS = ['agreement', 'temperature', 'choice'] as const;
export type PollPreset = (typeof POLL_PRESETS)[number];

/** The options a preset brings, as keys the catalogs translate (`poll.option.<key>`). */
export const PRESET_OPTIONS = {
  agreement: ['agree', 'disagree', 'abstain'],
  temperature: ['strong_yes', 'yes', 'following', 'confused', 'indifferent', 'unconvinced'],
} as const satisfies Record<Exclude<PollPreset, 'choice'>, readonly string[]>;

/** What the temperature check's options look like on every screen, whatever the language. */
export const TEMPERATURE_EMOJI: Record<string, string> = {
  strong_yes: '❤️',
  yes: '👍',
  following: '👀',
  confused: '❓',
  indifferent: '🤷',
  unconvinced: '😕',
};

/** Who counts as one vote: each person, or each delegation (diplomatic rooms count delegations). */
export const POLL_VOTERS = ['person', 'delegation'] as const;
export type PollVoters = (typeof POLL_VOTERS)[number];

export const POLL_LIMITS = { question: 300, option: 80, minOptions: 2, maxOptions: 8, polls: 200 } as const;

/** What these helpers read of a poll (the schema in schema.ts matches it). */
interface PollFacts {
  options: readonly string[];
  multiple: boolean;
  anonymous: boolean;
  voters: PollVoters;
  closedAt: number | null;
  ballots: readonly { voter: string; by: string; choices: readonly number[] }[];
}

/** Who answers for a delegation, as the review has it: its head, if it has one present. */
interface Heads {
  heads: readonly string[];
}
interface Voter {
  id: string;
  delegationId: string | null;
}

export const isOpen = (poll: Pick<PollFacts, 'closedAt'>): boolean => poll.closedAt === null;

/** Whose ballot a person's vote is: their own, or their delegation's. */
export const voterKey = (poll: Pick<PollFacts, 'voters'>, person: Voter): string | null =>
  poll.voters === 'person' ? person.id : person.delegationId;

/**
 * Why a person may not vote in a poll, or null if they may. In a delegation poll the delegation's head
 * answers for it when it has one in the room; otherwise its first voter does, and may change the answer.
 */
export function voteBar(
  poll: PollFacts,
  person: Voter,
  heads: Heads,
  members: readonly Voter[],
): 'poll_closed' | 'poll_no_delegation' | 'poll_not_head' | 'poll_delegation_answered' | null {
  if (!isOpen(poll)) return 'poll_closed';
  if (poll.voters === 'person') return null;
  if (person.delegationId === null) return 'poll_no_delegation';
  const head = members.find((m) => m.delegationId === person.delegationId && heads.heads.includes(m.id));
  if (head) return head.id === person.id ? null : 'poll_not_head';
  const ballot = poll.ballots.find((b) => b.voter === person.delegationId);
  return ballot && ballot.by !== person.id ? 'poll_delegation_answered' : null;
}

/** Whether `choices` is a valid answer: option numbers, distinct, one unless multiple; none withdraws. */
export function validChoices(poll: Pick<PollFacts, 'options' | 'multiple'>, choices: readonly number[]): boolean {
  if (!poll.multiple && choices.length > 1) return false;
  if (new Set(choices).size !== choices.length) return false;
  return choices.every((c) => Number.isInteger(c) && c >= 0 && c < poll.options.length);
}

/** Each option's number of votes and how many answered, from the ballots. */
export function countBallots(
  options: readonly unknown[],
  ballots: PollFacts['ballots'],
): { counts: number[]; answered: number } {
  const counts = options.map(() => 0);
  for (const b of ballots) for (const c of b.choices) counts[c] = (counts[c] ?? 0) + 1;
  return { counts, answered: ballots.length };
}

/**
 * What a change asks of the store so that no one's anonymous vote can be read back from it: `hideActor`,
 * a vote in an anonymous poll (its event names no voter, and the log must not name its sender either);
 * `compact`, a change that erased an anonymous poll's ballots (closed or removed): the stored differences
 * that held them go, replaced by a snapshot without them.
 */
export function secrecyOf(
  events: readonly { type: string; pollId?: string; voter?: string }[],
  before: { polls: readonly { id: string; anonymous: boolean }[] },
): { hideActor: boolean; compact: boolean } {
  const anonymous = (id: string | undefined) => before.polls.some((p) => p.id === id && p.anonymous);
  return {
    hideActor: events.some((e) => e.type === 'poll.voted' && anonymous(e.pollId)),
    compact: events.some((e) => (e.type === 'poll.closed' || e.type === 'poll.removed') && anonymous(e.pollId)),
  };
}

/** The option of a poll as a person reads it: a preset's through the catalog, a typed one as typed. */
export const optionLabel = (
  poll: { preset: PollPreset; options: readonly string[] },
  index: number,
  translate: (key: string) => string,
): string => {
  const option = poll.options[index] ?? '';
  if (poll.preset === 'choice') return option;
  const label = translate(`poll.option.${option}`);
  return poll.preset === 'temperature' ? `${TEMPERATURE_EMOJI[option] ?? ''} ${label}` : label;
};
