import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  Command,
  CommandAck,
  CreateRoundtableResponse,
  JoinResponse,
  ServerToClientEvents,
  StateView,
  SyncAck,
} from '@roundtable/shared';
import { StateFollower } from '@roundtable/shared';

/** The HTTP API (docs/API.md) as a script would use it: create, join, send commands. */
export type RoundtableSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const deviceToken = (): string => randomBytes(16).toString('base64url');

async function post<T>(url: string, body: unknown, key?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export const ROUNDTABLE = {
  title: { en: 'Benchmark roundtable' },
  description: '',
  startsAt: null,
  timeZone: 'UTC',
  venue: 'Loopback',
  organisers: ['Bench'],
  languages: ['en'],
  delegations: Array.from({ length: 20 }, (_, i) => ({ name: `Delegation ${i + 1}` })),
  agenda: [{ title: { en: 'Open discussion' }, kind: 'discussion', plannedMinutes: 60 }],
};

export async function createRoundtable(base: string): Promise<CreateRoundtableResponse> {
  const res = await post<CreateRoundtableResponse>(`${base}/api/roundtables`, ROUNDTABLE);
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function command(base: string, id: string, key: string, cmd: Command, baseVersion: number) {
  const res = await post<CommandAck>(`${base}/api/roundtables/${id}/commands`, { baseVersion, command: cmd }, key);
  if (!res.body.ok) throw new Error(`${cmd.type} failed: ${res.body.message}`);
  return res.body;
}

export const joinBody = (code: string, token: string, i: number) => ({
  code,
  deviceToken: token,
  profile: { name: `Participant ${i}`, function: 'Expert', delegation: null, language: 'en' },
});

/** Joins `n` participants through POST /api/join, `concurrency` at a time; returns their device tokens. */
export async function joinMany(base: string, code: string, n: number, concurrency = 16) {
  const people: { token: string; participantId: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const token = deviceToken();
      const res = await post<JoinResponse>(`${base}/api/join`, joinBody(code, token, i));
      if (res.status !== 200) throw new Error(`join ${i} failed: ${JSON.stringify(res.body)}`);
      people[i] = { token, participantId: res.body.participantId };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return people;
}

/** A Socket.IO client over WebSocket that follows the state as the app does: whole states and patches. */
export function connectSocket(
  base: string,
  roundtableId: string,
  token: string,
  changed: (state: StateView) => void = () => undefined,
) {
  const socket: RoundtableSocket = io(base, {
    auth: { roundtableId, token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const holder: { socket: RoundtableSocket; latest: StateView | undefined } = { socket, latest: undefined };
  const sync = (since: number) =>
    socket
      .timeout(30_000)
      .emitWithAck('sync', { since })
      .catch(() => null) as Promise<SyncAck | null>;
  const follower = new StateFollower(sync, (state) => {
    holder.latest = state;
    changed(state);
  });
  socket.on('state', (s) => follower.state(s));
  socket.on('patch', (p) => follower.patch(p));
  return holder;
}

export function emitCommand(socket: RoundtableSocket, baseVersion: number, cmd: Command): Promise<CommandAck> {
  return new Promise((resolve) => socket.emit('command', { baseVersion, command: cmd }, resolve));
}
