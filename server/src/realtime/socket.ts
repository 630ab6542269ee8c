import type http from 'node:http';
import {
  HandshakeAuth,
  MAX_MESSAGE_BYTES,
  SyncRequest,
  audienceOf,
  type Actor,
  type ClientToServerEvents,
  type Credential,
  type Failure,
  type Me,
  type ServerToClientEvents,
} from '@roundtable/shared';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { failure, type Roundtables } from '../roundtables.js';
import { hashSecret } from '../secrets.js';
import type { Store } from '../store/store.js';
import { Broadcaster } from './broadcast.js';
import { Presence } from './presence.js';
import { rooms } from './rooms.js';
import { reactToApplied } from './reactions.js';

export interface SocketData {
  roundtableId: string;
  credential: Credential;
  actor: Actor;
}

export type RoundtableServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RoundtableSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const KNOWN_EVENTS = new Set(['command', 'sync', 'clock']);

/** Any ack a client passed, or a no-op: a malformed client must not crash us by omitting it. */
const ackOf = <T>(ack: unknown): ((response: T) => void) =>
  typeof ack === 'function' ? (ack as (response: T) => void) : () => undefined;

const tooLarge = (payload: unknown): Failure | undefined => {
  const size = JSON.stringify(payload ?? null).length;
  return size > MAX_MESSAGE_BYTES
    ? failure(
        'too_large',
        `The message is ${Math.round(size / 1024)} KiB; the limit is ${MAX_MESSAGE_BYTES / 1024} KiB.`,
      )
    : undefined;
};

export function meOf(data: SocketData): Me {
  const { actor, roundtableId } = data;
  return {
    role: actor.role === 'visitor' ? 'participant' : actor.role,
    participantId: actor.kind === 'participant' ? actor.participantId : null,
    linkId: actor.kind === 'link' ? actor.linkId : null,
    roundtableId,
  };
}

export function attachSockets(
  httpServer: http.Server,
  roundtables: Roundtables,
  store: Store,
  log: Logger,
): RoundtableServer {
  const io: RoundtableServer = new Server(httpServer, {
    // A hard ceiling; messages above MAX_MESSAGE_BYTES but below it get a readable error instead of a dropped socket.
    maxHttpBufferSize: 16 * MAX_MESSAGE_BYTES,
    serveClient: false,
    // The Yjs endpoint shares this HTTP server; its upgrades are not Socket.IO's to close.
    destroyUpgrade: false,
  });
  const presence = new Presence();
  const broadcaster = new Broadcaster(io, presence);
  // The upgrade request (headers, the socket's parsed URL…) is not needed once the handshake is
  // read; keeping it costs every connection several KB for as long as it stays open.
  io.engine.on('connection', (raw: { request: unknown }) => {
    raw.request = null;
  });

  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('unauthenticated: a roundtable id and a key are needed to connect.'));
    const state = roundtables.get(auth.data.roundtableId);
    const credential = state && store.findCredential(state.id, hashSecret(auth.data.token));
    if (!state || !credential) return next(new Error('unauthenticated: this link or device is not known here.'));
    const who = roundtables.actorOf(state, { credential });
    if (!who.ok) return next(new Error(`${who.code}: ${who.message}`));
    socket.data = { roundtableId: state.id, credential, actor: who.actor };
    next();
  });

  io.on('connection', (socket) => onConnection(socket, roundtables, presence, broadcaster, log));
  roundtables.onApplied((applied) => reactToApplied(io, applied, broadcaster));
  return io;
}

function onConnection(
  socket: RoundtableSocket,
  roundtables: Roundtables,
  presence: Presence,
  broadcaster: Broadcaster,
  log: Logger,
) {
  const { roundtableId, actor } = socket.data;
  const state = roundtables.get(roundtableId);
  if (!state) return socket.disconnect(true);
  const audience = audienceOf(actor);
  const own = rooms.of(roundtableId, actor);
  void socket.join([rooms.audience(roundtableId, audience), ...(own ? [own] : [])]);
  socket.emit('me', meOf(socket.data));
  socket.emit('state', broadcaster.held(socket, state));
  if (audience !== 'public') socket.emit('presence', presence.online(roundtableId));
  if (actor.kind === 'participant' && presence.add(roundtableId, actor.participantId)) {
    broadcaster.presenceChanged(roundtableId);
  }

  socket.on('command', (envelope, ack) => {
    const reply = ackOf(ack);
    const answer =
      tooLarge(envelope) ??
      roundtables.execute(socket.data.roundtableId, { credential: socket.data.credential }, envelope);
    broadcaster.sendPendingTo(socket);
    reply(answer);
  });
  socket.on('sync', (request, ack) => {
    const reply = ackOf(ack);
    const parsed = SyncRequest.safeParse(request);
    if (!parsed.success) return reply(failure('invalid', 'sync needs { since: version }.'));
    const current = roundtables.get(socket.data.roundtableId);
    if (!current) return reply(failure('not_found', 'This roundtable no longer exists.'));
    const held = broadcaster.held(socket, current);
    // A client holding another version (ahead of its room, or confused) takes the room's, which the room's next patch fits.
    if (held.version === parsed.data.since) return reply({ ok: true, upToDate: true, version: held.version });
    reply({ ok: true, state: held });
  });
  socket.on('clock', (ack) => ackOf<{ now: number }>(ack)({ now: Date.now() }));
  socket.onAny((event: string, ...args: unknown[]) => {
    if (KNOWN_EVENTS.has(event)) return;
    log.debug({ event }, 'unknown socket event');
    ackOf(args.at(-1))(failure('invalid', `Unknown event “${event.slice(0, 40)}”.`));
  });
  socket.on('disconnect', () => {
    const a = socket.data.actor;
    if (a.kind === 'participant' && presence.remove(roundtableId, a.participantId)) {
      broadcaster.presenceChanged(roundtableId);
    }
  });
}
