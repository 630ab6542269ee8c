import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  Command,
  CommandAck,
  CreateRoundtableResponse,
  JoinResponse,
  Me,
  ServerToClientEvents,
  StatePatch,
  StateView,
  SyncAck,
} from '@roundtable/shared';
import { StateFollower } from '@roundtable/shared';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  latest?: StateView;
  me?: Me;
  /** Called with every state this socket comes to hold, whole or patched. */
  watchers: Set<(state: StateView) => void>;
};

const sockets: TestSocket[] = [];

export const deviceToken = (): string => randomBytes(16).toString('base64url');

export const BASIC_ROUNDTABLE = {
  title: { en: 'Roundtable on transnational threats', ru: 'Круглый стол', kk: 'Дөңгелек үстел' },
  description: '',
  startsAt: '2026-12-03T09:30',
  timeZone: 'Asia/Almaty',
  venue: 'Astana',
  organisers: ['EU Delegation'],
  languages: ['en', 'ru', 'kk'],
  delegations: [{ name: 'Europol' }, { name: 'Frontex' }],
};

export async function post<T>(
  url: string,
  path: string,
  body: unknown,
  key?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The Astana scenario (`POST /api/demo`): 75 people, 17 delegations, 8 agenda items. */
export async function startDemo(
  url: string,
): Promise<{ roundtableId: string; joinCode: string; moderatorSecret: string }> {
  return (await post<{ roundtableId: string; joinCode: string; moderatorSecret: string }>(url, '/api/demo', {})).body;
}

export async function createRoundtable(
  url: string,
  body: object = BASIC_ROUNDTABLE,
): Promise<CreateRoundtableResponse> {
  const res = await post<CreateRoundtableResponse>(url, '/api/roundtables', body);
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function join(
  url: string,
  code: string,
  name: string,
  token = deviceToken(),
  delegation: object | null = null,
) {
  const res = await post<JoinResponse>(url, '/api/join', {
    code,
    deviceToken: token,
    profile: { name, function: 'Expert', delegation, language: 'en' },
  });
  return { ...res, token };
}

/** A connected socket that follows the state as the app does (whole states and patches) and its identity. */
export function connect(
  url: string,
  roundtableId: string,
  token: string,
  options: { lose?: (patch: StatePatch) => boolean } = {},
): TestSocket {
  const socket = io(url, {
    auth: { roundtableId, token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  }) as TestSocket;
  socket.watchers = new Set();
  const sync = (since: number) =>
    socket
      .timeout(10_000)
      .emitWithAck('sync', { since })
      .catch(() => null) as Promise<SyncAck | null>;
  const follower = new StateFollower(sync, (state) => {
    socket.latest = state;
    for (const watch of socket.watchers) watch(state);
  });
  socket.on('state', (s) => follower.state(s));
  socket.on('patch', (p) => (options.lose?.(p) ? undefined : follower.patch(p)));
  socket.on('me', (me) => (socket.me = me));
  sockets.push(socket);
  return socket;
}

export async function connected(socket: TestSocket): Promise<StateView> {
  return nextState(socket, () => true);
}

/** Resolves with the first state (already received or to come) that satisfies `predicate`. */
export function nextState(socket: TestSocket, predicate: (s: StateView) => boolean): Promise<StateView> {
  if (socket.latest && predicate(socket.latest)) return Promise.resolve(socket.latest);
  return new Promise((resolve) => {
    const on = (s: StateView) => {
      if (predicate(s)) {
        socket.watchers.delete(on);
        resolve(s);
      }
    };
    socket.watchers.add(on);
  });
}

/** Sends a command made against the newest state this socket has seen (or an explicit version). */
export function send(
  socket: TestSocket,
  command: Command | Record<string, unknown>,
  baseVersion?: number,
): Promise<CommandAck> {
  return new Promise((resolve) =>
    // Tests also send commands the schema refuses, to see the server refuse them.
    socket.emit(
      'command',
      { baseVersion: baseVersion ?? socket.latest?.version ?? 0, command: command as Command },
      resolve,
    ),
  );
}

export function closeAll(): void {
  for (const s of sockets.splice(0)) s.disconnect();
}
