import { AUDIENCES, diff, erasureOf, secrecyOf, type DomainEvent, type RoundtableState } from '@roundtable/shared';
import type { Change, Roundtables } from '../roundtables.js';
import { rooms } from '../session/rooms.js';
import type { RoundtableServer } from '../realtime/socketTypes.js';
import type { Documents } from '../yjs/documents.js';
import type { Cluster } from './cluster.js';
import type { RedisConnection } from './redis.js';
import type { ClusterKind, ClusterMessage } from './messages.js';

/** A roundtable nobody here has used for this long leaves memory (it stays in the store). */
export const IDLE_MS = 10 * 60_000;
const IDLE_CHECK_MS = 60_000;

/**
 * Makes this node one of several on the same store: what it commits, the others learn; what they commit,
 * it learns; archiving and deleting reach every node; and after Redis was lost, it checks the store for
 * whatever went by. Socket.IO's own adapter carries the messages.
 */
export function joinCluster(
  {
    cluster,
    roundtables,
    documents,
    io,
  }: { cluster: Cluster; roundtables: Roundtables; documents: Documents; io: RoundtableServer },
  redis: RedisConnection,
): void {
  cluster.attach({
    emit: <K extends ClusterKind>(kind: K, message: ClusterMessage<K>) =>
      (io.serverSideEmit as (kind: string, message: unknown) => boolean)(kind, message),
    listen: (kind, handler) => io.on(kind, handler),
  });
  roundtables.onApplied(({ roundtableId, previous, state, events, origin }) => {
    if (origin !== 'here') return;
    cluster.tell('version', { roundtableId, version: state.version, ...changeOf(previous, state, events) });
  });
  cluster.on('version', ({ roundtableId, version, change }) => roundtables.learn(roundtableId, version, change));
  roundtables.onEvicted((roundtableId, failure, here) => {
    if (here) cluster.tell('evicted', { roundtableId, failure });
  });
  cluster.on('evicted', ({ roundtableId, failure }) => roundtables.evict(roundtableId, failure, false));
  redis.onResumed(() => {
    void roundtables.recheck();
    void documents.reloadAll();
  });
}

/** Sent along with a version, unless it erased or hid something: then the others read it from the store. */
export function changeOf(
  previous: RoundtableState,
  state: RoundtableState,
  events: DomainEvent[],
): { change?: Change } {
  const secret = secrecyOf(events, previous);
  if (secret.compact || secret.hideActor || erasureOf(events, previous, state)) return {};
  return { change: { from: previous.version, diff: diff(previous, state) ?? { keys: {} }, events } };
}

/**
 * Every minute, the roundtables that nobody on this node has open (no Socket.IO session in any of its
 * rooms, no document connection) and nobody asked for in IDLE_MS leave memory; returns the stop.
 */
export function forgetIdleRoundtables(
  roundtables: Roundtables,
  inUse: { io: RoundtableServer; documents: Documents },
  forgotten: (roundtableId: string) => void,
): () => void {
  const used = (roundtableId: string) =>
    inUse.documents.isOpen(roundtableId) ||
    AUDIENCES.some(
      (audience) => (inUse.io.sockets.adapter.rooms.get(rooms.audience(roundtableId, audience))?.size ?? 0) > 0,
    );
  const timer = setInterval(() => roundtables.forgetIdle(used, IDLE_MS).forEach(forgotten), IDLE_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
