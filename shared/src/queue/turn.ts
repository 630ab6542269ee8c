import type { Floor } from '../floor/schema.js';
import type { SpeakerRequest } from './schema.js';

/** What a phone needs to know who is up: the floor, and the queue's order as the server computed it. */
type Where = {
  floor: Pick<Floor, 'speechId' | 'participantId'> | null;
  queue: { requests: readonly Pick<SpeakerRequest, 'id' | 'participantId'>[] };
  queueOrder: readonly { id: string }[];
};

/**
 * Where a participant stands: holding the floor, first in the queue (next), or neither. `key` names this
 * turn (the speech, or the request that is next), so a phone alerts once per turn, not once per broadcast.
 * It reads the server's `floor` and `queueOrder` only: pages never re-derive the order.
 */
export type Turn = { kind: 'floor' | 'next'; key: string } | null;

export function turnOf(state: Where, participantId: string | null | undefined): Turn {
  if (!participantId) return null;
  if (state.floor?.participantId === participantId) return { kind: 'floor', key: `floor:${state.floor.speechId}` };
  const first = state.queueOrder[0];
  const request = first && state.queue.requests.find((r) => r.id === first.id);
  return request?.participantId === participantId ? { kind: 'next', key: `next:${request.id}` } : null;
}
