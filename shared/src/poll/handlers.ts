import { refusal } from '../refusals.js';
import { isFrozen } from '../review/rules.js';
import { findParticipant, isActive } from '../roster/active.js';
import { done, type HandlerMap } from '../handler.js';
import type { RoundtableState } from '../state.js';
import type { DomainEvent } from '../events.js';
import { countBallots, isOpen, POLL_LIMITS, PRESET_OPTIONS, validChoices, voteBar, voterKey } from './rules.js';
import type { Ballot, Poll, PollSetup } from './schema.js';

type PollCommand = 'poll.start' | 'poll.vote' | 'poll.close' | 'poll.record' | 'poll.remove';

const findPoll = (state: RoundtableState, id: string): Poll | undefined => state.polls.find((p) => p.id === id);

const withPoll = (state: RoundtableState, poll: Poll): RoundtableState => ({
  ...state,
  polls: state.polls.map((p) => (p.id === poll.id ? poll : p)),
});

/** The options a setup asks for: its preset's, or the typed ones, which must be distinct. */
function optionsOf(setup: PollSetup): string[] | null {
  if (setup.preset !== 'choice') return [...PRESET_OPTIONS[setup.preset]];
  const typed = setup.options;
  // "Café" typed two ways is one option: compared in one Unicode form, whatever the case.
  const distinct = new Set(typed.map((o) => o.normalize('NFC').toLocaleLowerCase())).size === typed.length;
  return distinct && typed.length >= POLL_LIMITS.minOptions ? typed : null;
}

/**
 * The polls without the ballots of a person who left the room (removed or banned), in the named polls still
 * open; an anonymous poll keeps them: taking one out would show the moderator whether, and what, they voted.
 */
export function withoutVoter(polls: RoundtableState['polls'], participantId: string): RoundtableState['polls'] {
  const touched = (p: Poll) => isOpen(p) && !p.anonymous && p.ballots.some((b) => b.by === participantId);
  if (!polls.some(touched)) return polls;
  return polls.map((p) => {
    if (!touched(p)) return p;
    const ballots = p.ballots.filter((b) => b.by !== participantId);
    return { ...p, ballots, ...countBallots(p.options, ballots) };
  });
}

/** A poll closed at `now`: its result frozen, an anonymous poll's voters forgotten. */
export function closed(poll: Poll, now: number): { poll: Poll; event: DomainEvent } {
  const next: Poll = { ...poll, closedAt: now, ballots: poll.anonymous ? [] : poll.ballots };
  return {
    poll: next,
    event: { type: 'poll.closed', pollId: poll.id, at: now, counts: next.counts, answered: next.answered },
  };
}

export const pollHandlers: HandlerMap<PollCommand> = {
  'poll.start': (state, { setup }, ctx) => {
    if (state.polls.some(isOpen)) return refusal('poll_running');
    if (state.polls.length >= POLL_LIMITS.polls) return refusal('too_many_polls', { max: POLL_LIMITS.polls });
    const options = optionsOf(setup);
    if (!options) return refusal('poll_options', { min: POLL_LIMITS.minOptions, max: POLL_LIMITS.maxOptions });
    const poll: Poll = {
      id: ctx.newId(),
      itemId: state.currentItemId,
      question: setup.question,
      preset: setup.preset,
      options,
      // A temperature check is one feeling; agree/disagree/abstain is one answer.
      multiple: setup.preset === 'choice' && setup.multiple,
      anonymous: setup.anonymous,
      voters: setup.voters,
      openedAt: ctx.now,
      closedAt: null,
      ballots: [],
      counts: options.map(() => 0),
      answered: 0,
      recordedAt: null,
    };
    return done({ ...state, polls: [...state.polls, poll] }, [{ type: 'poll.started', poll }], { pollId: poll.id });
  },
  'poll.vote': (state, { pollId, choices }, ctx) => {
    const poll = findPoll(state, pollId);
    if (!poll) return refusal('poll_not_found');
    const person = ctx.actor.kind === 'participant' ? findParticipant(state, ctx.actor.participantId) : undefined;
    if (!person || !isActive(person)) return refusal('participant_not_found');
    const bar = voteBar(poll, person, state.review, state.participants.filter(isActive));
    if (bar) return refusal(bar);
    if (!validChoices(poll, choices)) return refusal('poll_choices');
    const voter = voterKey(poll, person) as string;
    // One ballot per person too: one who moved to another delegation takes back the answer given for the first.
    const others = poll.ballots.filter((b) => b.voter !== voter && b.by !== person.id);
    const ballot: Ballot = { voter, by: person.id, choices, at: ctx.now };
    const ballots = choices.length === 0 ? others : [...others, ballot];
    const next: Poll = { ...poll, ballots, ...countBallots(poll.options, ballots) };
    // The log of an anonymous poll says that someone voted, never who or what.
    const event = poll.anonymous
      ? { type: 'poll.voted' as const, pollId }
      : { type: 'poll.voted' as const, pollId, voter, by: person.id, choices };
    return done(withPoll(state, next), [event]);
  },
  'poll.close': (state, { pollId }, ctx) => {
    const poll = findPoll(state, pollId);
    if (!poll) return refusal('poll_not_found');
    if (!isOpen(poll)) return refusal('poll_closed');
    const { poll: next, event } = closed(poll, ctx.now);
    return done(withPoll(state, next), [event]);
  },
  'poll.record': (state, { pollId }, ctx) => {
    const poll = findPoll(state, pollId);
    if (!poll) return refusal('poll_not_found');
    if (isOpen(poll)) return refusal('poll_open');
    if (poll.recordedAt !== null) return refusal('poll_recorded');
    // The document is frozen under review and once final: nothing is written into it, not even by the server.
    if (isFrozen(state.review)) return refusal(state.review.status === 'final' ? 'final_frozen' : 'review_frozen');
    return done(withPoll(state, { ...poll, recordedAt: ctx.now }), [
      { type: 'poll.recorded', pollId, itemId: poll.itemId },
    ]);
  },
  'poll.remove': (state, { pollId }) => {
    if (!findPoll(state, pollId)) return refusal('poll_not_found');
    const projector =
      state.projector.pollId === pollId
        ? {
            ...state.projector,
            pollId: null,
            mode: state.projector.mode === 'poll' ? ('floor' as const) : state.projector.mode,
          }
        : state.projector;
    return done({ ...state, polls: state.polls.filter((p) => p.id !== pollId), projector }, [
      { type: 'poll.removed', pollId },
    ]);
  },
};
