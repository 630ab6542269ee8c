import type { ClientToServerEvents, Me, ServerToClientEvents } from '@roundtable/shared';
import type { Server, Socket } from 'socket.io';
import type { InterServerEvents } from '../cluster/messages.js';
import type { Session } from '../session/authenticate.js';

export interface SocketData extends Session {
  /** The base of the links this connection's commands mint: PUBLIC_URL or the handshake's host (links.ts). */
  linkBase: string;
}

export type RoundtableServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RoundtableSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export function meOf(data: SocketData): Me {
  const { actor, roundtableId } = data;
  return {
    role: actor.role === 'visitor' ? 'participant' : actor.role,
    participantId: actor.kind === 'participant' ? actor.participantId : null,
    linkId: actor.kind === 'link' ? actor.linkId : null,
    roundtableId,
    pending: actor.kind === 'participant' && actor.pending,
  };
}
