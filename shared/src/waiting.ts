import { limitMs, remainingMs } from './floorTime.js';
import { orderQueue } from './ordering.js';
import type { RoundtableState } from './state.js';

/** What is left of the speech on the floor (never negative: overtime claims no future). */
const floorLeftMs = (state: RoundtableState, now: number): number =>
  state.floor ? Math.max(0, remainingMs(state.floor, now)) : 0;

/** Time the current item still needs for its speakers: the floor's remainder plus every waiting limit. */
export function queueTimeMs(state: RoundtableState, now: number): number {
  return orderQueue(state).reduce(
    (sum, o) => sum + limitMs(state, o.request.itemId, o.request.type),
    floorLeftMs(state, now),
  );
}

/** A participant's estimated wait: the floor's remainder plus the limits of everyone ahead. */
export function estimatedWaitMs(state: RoundtableState, requestId: string, now: number): number | null {
  const order = orderQueue(state);
  const index = order.findIndex((o) => o.request.id === requestId);
  if (index < 0) return null;
  return order
    .slice(0, index)
    .reduce((sum, o) => sum + limitMs(state, o.request.itemId, o.request.type), floorLeftMs(state, now));
}
