import type { Failure, RoundtableState } from '@roundtable/shared';
import type { SessionEffects } from '../session/effects.js';
import type { RoomFeed } from './roomFeed.js';
import { meOf, type RoundtableServer, type RoundtableSocket } from './socketTypes.js';

/** The feed's view of a socket: its id and whose view it sees. */
export const member = (socket: RoundtableSocket) => ({
  id: socket.id,
  roundtableId: socket.data.roundtableId,
  audience: socket.data.audience,
});

function socketsIn(io: RoundtableServer, room: string): RoundtableSocket[] {
  const ids = io.sockets.adapter.rooms.get(room) ?? new Set<string>();
  return [...ids].flatMap((id) => io.sockets.sockets.get(id) ?? []);
}

/** Carries out, on open Socket.IO sessions, what sessionEffects() decided (session/effects.ts). */
export class SocketSessions {
  constructor(
    private readonly io: RoundtableServer,
    private readonly feed: RoomFeed,
  ) {}

  /** A new role or admission takes effect on open connections at once: new audience room, new view. */
  change(changes: SessionEffects['change'], state: RoundtableState): void {
    for (const { room, session } of changes) {
      for (const socket of socketsIn(this.io, room)) {
        const before = socket.data.rooms.audience;
        socket.data = { ...session, linkBase: socket.data.linkBase };
        socket.emit('me', meOf(socket.data));
        if (before === session.rooms.audience) continue;
        void socket.leave(before);
        void socket.join(session.rooms.audience);
        socket.emit('state', this.feed.join(member(socket), state));
      }
    }
  }

  /** Ends every connection to a roundtable (archived, deleted), telling each why. */
  endRoundtable(roundtableId: string, failure: Failure): void {
    for (const socket of [...this.io.sockets.sockets.values()]) {
      if (socket.data.roundtableId !== roundtableId) continue;
      socket.emit('ended', failure);
      socket.disconnect(true);
    }
  }

  /** Ends every connection of a person or link at once, telling them why. */
  end(endings: SessionEffects['end']): void {
    for (const { room, failure } of endings) {
      for (const socket of socketsIn(this.io, room)) {
        socket.emit('ended', failure);
        socket.disconnect(true);
      }
    }
  }
}
