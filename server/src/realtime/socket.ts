import type http from 'node:http';
import { HandshakeAuth, SyncRequest, refusal, type Failure } from '@roundtable/shared';
import { Server, type ServerOptions } from 'socket.io';
import type { Logger } from 'pino';
import { clientAddress, type PendingConnections } from '../inbound/addresses.js';
import type { CommandRate } from '../inbound/commandRate.js';
import type { Roundtables } from '../roundtables.js';
import { authenticate, isSession } from '../session/authenticate.js';
import type { Store } from '../store/store.js';
import type { AttendanceRecorder } from './attendance.js';
import { dispatch, type EventHandler } from './dispatch.js';
import type { PresenceElsewhere } from '../cluster/presence.js';
import { Presence } from './presence.js';
import { RoomFeed, type FeedEmitter } from './roomFeed.js';
import { member, SocketSessions } from './sessions.js';
import { meOf, type RoundtableServer, type RoundtableSocket } from './socketTypes.js';

/** Hard ceiling of one Engine.IO packet; commands above MAX_MESSAGE_BYTES but below it get a readable refusal. */
const MAX_PACKET_BYTES = 1024 * 1024;

/** A refused handshake: Socket.IO sends `data` to the client as the connect error's, whole. */
const refused = (failure: Failure) => Object.assign(new Error(failure.message), { data: failure });

export interface SocketDeps {
  roundtables: Roundtables;
  store: Store;
  log: Logger;
  commandRate: CommandRate;
  pending: PendingConnections;
  trustProxy: boolean;
  /** The base of the links a command mints, from the connection's handshake request (links.ts). */
  linkBase: (req: http.IncomingMessage) => string;
  /** A connection that has not authenticated by then is closed (Socket.IO's default is 45 s). */
  connectTimeoutMs: number;
  /** Open connections one credential (a device or a link) may hold at once. */
  connectionsPerCredential: { participant: number; link: number };
  /** Told of every participant's connection, for who was present during which agenda item. */
  attendance: AttendanceRecorder;
  /** Socket.IO's Redis adapter when nodes share their messages (cluster/redis.ts); else the in-memory one. */
  adapter?: ServerOptions['adapter'];
  /** Who is connected to the other nodes, besides this one's own sessions (cluster/presence.ts). */
  elsewhere?: Pick<PresenceElsewhere, 'online' | 'changed'>;
}

/** The Socket.IO side: its server, the room feed it sends through, and its sessions' reactions to changes. */
export interface SocketTransport {
  io: RoundtableServer;
  feed: RoomFeed;
  sessions: SocketSessions;
  /** The participants with a connection open now. */
  online: (roundtableId: string) => string[];
}

/**
 * The feed's sends, as Socket.IO rooms: every socket is also a room of its own, named by its id. Only to
 * this node's sessions: every node sends each version to its own, patched from what they hold.
 */
function emitterOf(io: RoundtableServer): FeedEmitter {
  return {
    members: (room) => io.sockets.adapter.rooms.get(room),
    emit: (to, except, event, payload) => {
      const target = except.length > 0 ? io.local.to(to).except(except) : io.local.to(to);
      // Each event's payload is the one FeedEvents names for it; Socket.IO's overloads cannot see that through E.
      (target.emit as (e: string, p: unknown) => boolean)(event, payload);
    },
  };
}

export function attachSockets(httpServer: http.Server, deps: SocketDeps): SocketTransport {
  const { log, pending } = deps;
  const io: RoundtableServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_PACKET_BYTES,
    // Long-polling is how a phone behind a proxy that refuses upgrades gets in (client/src/lib/fallbackSocket.ts);
    // the handshake check, the key's checks and limits and the dispatcher below are the same for both.
    transports: ['polling', 'websocket'],
    serveClient: false,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    connectTimeout: deps.connectTimeoutMs,
    // The Yjs endpoint shares this HTTP server; its upgrades are not Socket.IO's to close.
    destroyUpgrade: false,
    allowRequest: (req, callback) => {
      const room = pending.hasRoom(clientAddress(req, deps.trustProxy));
      callback(room ? null : 'Too many connections are opening from this address; try again in a moment.', room);
    },
  });
  const presence = new Presence();
  const online = (id: string) => {
    const here = presence.online(id);
    const there = deps.elsewhere?.online(id) ?? [];
    return there.length === 0 ? here : [...new Set([...here, ...there])];
  };
  const feed = new RoomFeed(emitterOf(io), online);
  /** Each Engine.IO connection counts as pending for its address until its socket authenticates. */
  const releases = new WeakMap<object, () => void>();
  /** Read from the handshake request before it is dropped; Socket.IO's own `handshake.headers` end up empty. */
  const linkBases = new WeakMap<object, string>();
  io.engine.on('connection', (raw: { request: http.IncomingMessage | null; once(e: 'close', f: () => void): void }) => {
    const release = pending.take(raw.request ? clientAddress(raw.request, deps.trustProxy) : 'unknown');
    releases.set(raw, release);
    if (raw.request) linkBases.set(raw, deps.linkBase(raw.request));
    raw.once('close', release);
    // The upgrade request (headers, the socket's parsed URL…) is not needed once the handshake is
    // read; keeping it costs every connection several KB for as long as it stays open.
    raw.request = null;
  });

  io.use(async (socket, next) => {
    try {
      const auth = HandshakeAuth.safeParse(socket.handshake.auth);
      if (!auth.success) return next(refused(refusal('no_handshake')));
      const session = await authenticate(deps, auth.data.roundtableId, auth.data.token);
      if (!isSession(session)) return next(refused(session));
      const cap = deps.connectionsPerCredential[session.credential.kind];
      if ((io.sockets.adapter.rooms.get(session.rooms.own)?.size ?? 0) >= cap) {
        return next(refused(refusal('too_many_connections', { max: cap })));
      }
      socket.data = { ...session, linkBase: linkBases.get(socket.conn) ?? '' };
      next();
    } catch (error) {
      log.error({ err: error }, 'socket authentication failed');
      next(refused(refusal('internal')));
    }
  });

  io.on('connection', (socket) => {
    releases.get(socket.conn)?.();
    try {
      onConnection(socket, deps, { presence, online, feed });
    } catch (error) {
      log.error({ err: error, roundtableId: socket.data.roundtableId }, 'socket connection failed');
      socket.disconnect(true);
    }
  });
  return { io, feed, sessions: new SocketSessions(io, feed), online };
}

function onConnection(
  socket: RoundtableSocket,
  deps: SocketDeps,
  { presence, online, feed }: { presence: Presence; online: (id: string) => string[]; feed: RoomFeed },
) {
  const presenceChanged = (id: string) => {
    feed.presenceChanged(id);
    deps.elsewhere?.changed(id, presence.online(id));
  };
  const { roundtables, log, commandRate } = deps;
  const { roundtableId, actor, audience, rooms } = socket.data;
  // Authentication has just loaded it: what connects now is served from memory, in this turn.
  const state = roundtables.cached(roundtableId);
  if (!state) return socket.disconnect(true);
  void socket.join([rooms.audience, rooms.own]);
  socket.emit('me', meOf(socket.data));
  socket.emit('state', feed.join(member(socket), state));
  // Who is online is the organisers' (the same rooms as roomFeed's sendPresence); the booth sees what the room sees.
  if (audience === 'moderator' || audience === 'rapporteur') socket.emit('presence', online(roundtableId));
  if (actor.kind === 'participant') {
    if (presence.add(roundtableId, actor.participantId)) presenceChanged(roundtableId);
    deps.attendance.connected(roundtableId, state, actor.participantId);
  }

  const handlers: Record<string, EventHandler> = {
    command: {
      arity: 1,
      async handle([envelope]) {
        const { roundtableId: id, credential, linkBase } = socket.data;
        const answer =
          (await commandRate.admit(id, credential)) ??
          (await roundtables.execute(id, { credential, linkBase }, envelope));
        feed.senderAhead(member(socket));
        return answer;
      },
    },
    sync: {
      arity: 1,
      async handle([request]) {
        const parsed = SyncRequest.safeParse(request);
        if (!parsed.success) return refusal('invalid_sync');
        const current = await roundtables.get(socket.data.roundtableId);
        if (!current) return refusal('roundtable_not_found');
        const held = feed.join(member(socket), current);
        // A client holding another version (ahead of its room, or confused) takes the room's, which the room's next patch fits.
        if (held.version === parsed.data.since) return { ok: true, upToDate: true, version: held.version };
        return { ok: true, state: held };
      },
    },
    clock: { arity: 0, handle: () => ({ now: Date.now() }) },
  };
  dispatch(socket, handlers, log, () => ({ roundtableId, actor: socket.data.actor }));

  socket.on('disconnect', () => {
    const a = socket.data.actor;
    if (a.kind === 'participant' && presence.remove(roundtableId, a.participantId)) presenceChanged(roundtableId);
  });
}
