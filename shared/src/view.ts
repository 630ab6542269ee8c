import { z } from 'zod';
import type { Actor } from './roles.js';
import { orderQueue, type OrderReason } from './queue/ordering.js';
import type { Speech } from './floor/schema.js';
import type { Poll } from './poll/schema.js';
import { RoundtableState, type Participant } from './state.js';
import { activeParticipants } from './roster/active.js';

/** Who a state broadcast is for; each audience gets one encoding of the same version. */
export type Audience = 'moderator' | 'rapporteur' | 'public' | 'booth';
export const AUDIENCES: readonly Audience[] = ['moderator', 'rapporteur', 'public', 'booth'];

/**
 * The registration desk reads the roster as the rapporteurs do: the audience with the people, without the links.
 * The interpreters' booth sees what the room sees, and the speakers' remarks besides.
 */
export function audienceOf(actor: Actor): Audience {
  if (actor.role === 'moderator') return 'moderator';
  if (actor.role === 'rapporteur' || actor.role === 'desk') return 'rapporteur';
  if (actor.role === 'booth') return 'booth';
  return 'public';
}

/**
 * The state as an audience sees it. Same shape for everyone, so the client has one type:
 * moderators see everything; rapporteurs the roster; the public (phones, projector) only the
 * people the room is talking about, so a broadcast to 2,000 phones does not carry 2,000 names.
 * A person waiting for approval is only the moderators' business: nobody else sees or counts them.
 */
export const StateView = RoundtableState.extend({
  participantCount: z.number().int().nonnegative(),
  /** The current item's queue in floor order: each request's id and the reason for its place (computed once, on the server). */
  queueOrder: z.array(z.object({ id: z.string(), reason: z.string() as z.ZodType<OrderReason> })),
});

/**
 * A view is not the state: the public one holds part of the roster and none of the speech log. Both lists
 * are read-only here, so TypeScript refuses a view to a function typed on the whole `RoundtableState`
 * (`orderQueue` weighs the log and the delegations); pages read the order the server put in `queueOrder`.
 */
export type StateView = Omit<z.infer<typeof StateView>, 'participants' | 'speeches'> & {
  participants: readonly Participant[];
  speeches: readonly Speech[];
};

/**
 * People the public view names: invited speakers (on the agenda, or marked so on the list of invitees: their
 * phone offers to send their remarks), everyone waiting, and whoever has the floor.
 */
function referencedIds(state: RoundtableState): Set<string> {
  return new Set([
    ...state.participants.filter((p) => p.speaker === true).map((p) => p.id),
    ...state.agenda.flatMap((item) => item.invitedSpeakers.filter((s) => typeof s === 'string')),
    ...state.queue.requests.map((r) => r.participantId),
    ...(state.floor ? [state.floor.participantId] : []),
    ...shownContributions(state).map((c) => c.participantId),
  ]);
}

/** The contribution on the projector: the only one the public sees (the rest is the rapporteurs' inbox). */
const shownContributions = (state: RoundtableState) =>
  state.projector.mode === 'contribution'
    ? state.contributions.items.filter((c) => c.id === state.projector.contributionId)
    : [];

/**
 * The polls without the ballots `reveals` would let out: an anonymous poll's to nobody, a named poll's to
 * the public. Counts and the number who answered are everyone's.
 */
function pollsFor(state: RoundtableState, reveals: (poll: Poll) => boolean): RoundtableState['polls'] {
  if (state.polls.every((p) => p.ballots.length === 0 || reveals(p))) return state.polls;
  return state.polls.map((p) => (p.ballots.length === 0 || reveals(p) ? p : { ...p, ballots: [] }));
}

export function viewFor(state: RoundtableState, audience: Audience): StateView {
  const participantCount = activeParticipants(state).length;
  const queueOrder = orderQueue(state).map((o) => ({ id: o.request.id, reason: o.reason }));
  const polls = pollsFor(state, (p) => audience !== 'public' && !p.anonymous);
  if (audience === 'moderator') return { ...state, participantCount, queueOrder, polls };
  const links: StateView['links'] = [];
  const queue = { ...state.queue, undo: null };
  // The same array while nobody waits, so the rapporteurs' patch does not walk an unchanged roster.
  const entered = withoutContact(
    state.participants.some((p) => p.status === 'pending')
      ? state.participants.filter((p: Participant) => p.status !== 'pending')
      : state.participants,
  );
  // The speakers' texts are for the interpreters: no one in the room reads a speech before it is given.
  const remarks: StateView['remarks'] = [];
  if (audience === 'rapporteur') {
    return { ...state, participants: entered, links, queue, participantCount, queueOrder, polls, remarks };
  }
  const named = referencedIds(state);
  const participants = entered.filter((p) => named.has(p.id));
  const shownRemarks = audience === 'booth' ? state.remarks.filter((r) => named.has(r.participantId)) : remarks;
  // Phones and the projector need neither the speech log nor the roster: it keeps broadcasts small.
  const review = publicReview(state.review);
  const contributions = { ...state.contributions, items: shownContributions(state) };
  return {
    ...state,
    ...{ participants, links, queue, speeches: [], participantCount, queueOrder, review, polls, contributions },
    remarks: shownRemarks,
  };
}

/** The organisers' e-mail addresses and notes on their invitees are the moderators' alone. */
function withoutContact(people: Participant[]): Participant[] {
  if (people.every((p) => p.email === undefined && p.note === undefined)) return people;
  return people.map((p) => {
    if (p.email === undefined && p.note === undefined) return p;
    const { email: _e, note: _n, ...rest } = p;
    return rest;
  });
}

/** The review as phones see it: who answered what, without the texts (300 delegations' comments would be megabytes). */
function publicReview(review: RoundtableState['review']): RoundtableState['review'] {
  if (review.responses.every((r) => r.text === '')) return review;
  return { ...review, responses: review.responses.map((r) => (r.text === '' ? r : { ...r, text: '' })) };
}
