import { REQUEST_KINDS } from '../kinds.js';
import type { QueueState, RequestKind, SpeakerRequest } from './schema.js';
import type { Reason } from '../refusals.js';
import type { RoundtableState } from '../state.js';

/*
 * The queue's rules that a page needs to show only what will work: apply() refuses with exactly these,
 * and pages ask them instead of writing the rule again. They read only what every view holds.
 */

/** What asking reads: the item open for requests, the list, and who has the floor. */
export type AskFacts = Pick<RoundtableState, 'agenda' | 'currentItemId' | 'floor'> & {
  queue: Pick<QueueState, 'closed' | 'requests'>;
};

const currentItem = (state: AskFacts) => state.agenda.find((i) => i.id === state.currentItemId);

/** Whether the current item takes requests: one is on screen, and its discussion is not over. */
export function takesRequests(state: AskFacts): boolean {
  const item = currentItem(state);
  return !!item && item.status !== 'done' && item.status !== 'skipped';
}

/** Why a person present may not ask for the floor this way now; null when they may. */
export function askRefusal(state: AskFacts, participantId: string, type: RequestKind): Reason | null {
  const item = currentItem(state);
  if (!item) return 'item_not_started';
  if (!takesRequests(state)) return 'discussion_over';
  if (state.queue.closed && type !== 'point_of_order') return 'list_closed';
  const waiting = (r: SpeakerRequest) => r.participantId === participantId && r.kind === type && r.itemId === item.id;
  if (state.queue.requests.some(waiting)) return 'already_waiting';
  if (type === 'reply' && !state.floor) return 'nothing_to_reply_to';
  if (type === 'reply' && state.floor?.participantId === participantId) return 'reply_to_self';
  if (state.floor?.participantId === participantId && type !== 'point_of_order') return 'has_floor';
  return null;
}

/** The kinds of request a person present may file now, in the order pages offer them. */
export const askableKinds = (state: AskFacts, participantId: string): RequestKind[] =>
  REQUEST_KINDS.filter((type) => askRefusal(state, participantId, type) === null);

/** Points of order are heard at once: they keep their place on top, and nobody moves them. */
export const isMovable = (request: Pick<SpeakerRequest, 'kind'>): boolean => request.kind !== 'point_of_order';
