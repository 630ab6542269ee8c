import { audienceOf, type Failure, type RoundtableState, refusal } from '@roundtable/shared';
import type { Applied } from '../roundtables.js';
import type { Broadcaster } from './broadcast.js';
import { rooms } from './rooms.js';
import { meOf, type RoundtableServer } from './socketTypes.js';

function socketsIn(io: RoundtableServer, room: string) {
  const ids = io.sockets.adapter.rooms.get(room) ?? new Set<string>();
  return [...ids].flatMap((id) => io.sockets.sockets.get(id) ?? []);
}

/** Ends every connection of a person or link at once, telling them why. */
function endSessions(io: RoundtableServer, room: string, reason: Failure): void {
  for (const socket of socketsIn(io, room)) {
    socket.emit('ended', reason);
    socket.disconnect(true);
  }
}

/** A new role takes effect on open connections at once: new audience room, new view. */
function moveToRole(
  io: RoundtableServer,
  state: RoundtableState,
  participantId: string,
  role: 'moderator' | 'rapporteur' | 'participant',
  broadcaster: Broadcaster,
) {
  for (const socket of socketsIn(io, rooms.participant(state.id, participantId))) {
    const before = audienceOf(socket.data.actor);
    // Only a person who is in the room can be given a role, so they are not waiting.
    socket.data.actor = { kind: 'participant', participantId, role, pending: false };
    const after = audienceOf(socket.data.actor);
    void socket.leave(rooms.audience(state.id, before));
    void socket.join(rooms.audience(state.id, after));
    socket.emit('me', meOf(socket.data));
    socket.emit('state', broadcaster.held(socket, state));
  }
}

/** A person admitted while their phone shows the waiting screen is told at once; their audience is the same. */
function admit(io: RoundtableServer, state: RoundtableState, participantId: string) {
  for (const socket of socketsIn(io, rooms.participant(state.id, participantId))) {
    if (socket.data.actor.kind !== 'participant') continue;
    socket.data.actor = { ...socket.data.actor, pending: false };
    socket.emit('me', meOf(socket.data));
  }
}

export function reactToApplied(io: RoundtableServer, { state, events }: Applied, broadcaster: Broadcaster): void {
  for (const event of events) {
    if (event.type === 'participant.roleChanged') moveToRole(io, state, event.participantId, event.role, broadcaster);
    if (event.type === 'participant.admitted') admit(io, state, event.participantId);
  }
  // Each audience gets its view once per version, not once per socket (see broadcast.ts).
  broadcaster.state(state);
  for (const event of events) {
    if (event.type === 'participant.removed' || event.type === 'participant.banned') {
      const banned = event.type === 'participant.banned';
      endSessions(
        io,
        rooms.participant(state.id, event.participantId),
        banned ? refusal('banned') : refusal('removed'),
      );
    }
    if (event.type === 'link.revoked') {
      endSessions(io, rooms.link(state.id, event.linkId), refusal('link_revoked'));
    }
  }
}
