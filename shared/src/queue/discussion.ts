import type { Floor } from '../floor/schema.js';
import type { QueueState } from './schema.js';
import type { RoundtableState } from '../state.js';

type Discussed = QueueState['discussed'];
type Where = Pick<RoundtableState, 'queue' | 'floor' | 'currentItemId'>;

/**
 * The speech under discussion in the current item: what a direct reply answers, and what keeps replies
 * first (after points of order). Until the item has had a speech, it is whatever holds the floor (a point
 * of order can be answered too); a state stored before this was kept falls back the same way.
 */
export function discussedSpeechId(state: Where): string | null {
  const d = state.queue.discussed;
  if (d && d.itemId === state.currentItemId) return d.speechId;
  return state.floor?.speechId ?? null;
}

/**
 * What is under discussion once `floor` is given. A point of order, or a direct reply to the speech under
 * discussion, leaves it where it is; anything else (a speech, a question, an invited speaker's opening
 * remarks, a reply to an earlier speech) is a new speech and becomes what the discussion is about.
 */
export function discussionAfter(state: Where, floor: Floor, replyTo: string | null): Discussed {
  const current = discussedSpeechId(state);
  const continues = floor.kind === 'point_of_order' || (floor.kind === 'reply' && replyTo === current);
  if (!continues) return { speechId: floor.speechId, itemId: floor.itemId };
  return current === null ? state.queue.discussed : { speechId: current, itemId: floor.itemId };
}
