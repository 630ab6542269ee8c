import { limitMs, remainingMs } from '../floor/time.js';
import type { QueueState } from './schema.js';
import type { RoundtableState } from '../state.js';

/** What the floor's time reads: the floor, the limits, and the current item's waiting requests. */
export type QueueTime = Pick<RoundtableState, 'agenda' | 'floorSettings' | 'floor' | 'currentItemId'> & {
  queue: Pick<QueueState, 'requests'>;
};

/** What a wait reads besides: the queue in the order the server gave it, which no view can recompute. */
export type Queued = QueueTime & { queueOrder: readonly { id: string }[] };

/** What is left of the speech on the floor (never negative: overtime claims no future). */
const floorLeftMs = (state: QueueTime, now: number): number =>
  state.floor ? Math.max(0, remainingMs(state.floor, now)) : 0;

/** Time the current item still needs for its speakers: the floor's remainder plus every waiting limit, in any order. */
export function queueTimeMs(state: QueueTime, now: number): number {
  return state.queue.requests
    .filter((r) => r.itemId === state.currentItemId)
    .reduce((sum, r) => sum + limitMs(state, r.itemId, r.kind), floorLeftMs(state, now));
}

/**
 * A request's estimated wait: the floor's remainder plus the limits of everyone ahead of it in `queueOrder`.
 * The same on the console and on a phone, because both read the order the server computed from the whole state.
 */
export function estimatedWaitMs(view: Queued, requestId: string, now: number): number | null {
  const index = view.queueOrder.findIndex((o) => o.id === requestId);
  if (index < 0) return null;
  return view.queueOrder.slice(0, index).reduce(
    (sum, o) => {
      const r = view.queue.requests.find((q) => q.id === o.id);
      return r ? sum + limitMs(view, r.itemId, r.kind) : sum;
    },
    floorLeftMs(view, now),
  );
}
