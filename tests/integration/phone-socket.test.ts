import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  StateFollower,
  type Failure,
  type ServerToClientEvents,
  type StateView,
  type SyncAck,
} from '@roundtable/shared';
import { AckTimeout, NotConnected, SocketIoClient, type SocketIoHandlers } from '../../client/src/lib/socketio.js';
import { BASIC_ROUNDTABLE, connect, connected, createRoundtable, join, send } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

// The browser's own Socket.IO client (client/src/lib/socketio.ts) against the real server, with `ws` as its WebSocket.
const running = useServer();
let server: TestServer;
const clients: SocketIoClient<ServerToClientEvents>[] = [];
beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});
beforeEach(() => {
  server = running.current;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

/** A client that records what happens to it. */
function phoneClient(roundtableId: string, token: string) {
  const seen = {
    connects: 0,
    disconnects: [] as string[],
    errors: [] as (Failure | null)[],
    latest: null as StateView | null,
  };
  const handlers: SocketIoHandlers = {
    connect: () => seen.connects++,
    disconnect: (reason) => seen.disconnects.push(reason),
    connectError: (message) => seen.errors.push(message),
  };
  const url = `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
  const client = new SocketIoClient<ServerToClientEvents>({ roundtableId, token }, handlers, url);
  const sync = (since: number) => client.request('sync', [{ since }], 5000) as Promise<SyncAck>;
  const follower = new StateFollower(sync, (state) => (seen.latest = state));
  client.on('state', (state) => follower.state(state));
  client.on('patch', (patch) => follower.patch(patch));
  clients.push(client);
  return { client, seen };
}

it('connects, receives the state, sends commands and gets their answers', async () => {
  const rt = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const item = (await connected(moderator)).agenda[0]!;
  await send(moderator, { type: 'agenda.start', itemId: item.id });
  const p = await join(server.url, rt.joinCode, 'Dana Zhaksylykova');
  const { client, seen } = phoneClient(rt.roundtableId, p.token);
  await vi.waitFor(() => expect(seen.latest?.currentItemId).toBe(item.id));
  expect(seen.connects).toBe(1);

  const request = { baseVersion: seen.latest!.version, command: { type: 'queue.request', kind: 'speech' } } as const;
  expect(await client.request('command', [request], 5000)).toMatchObject({ ok: true });
  await vi.waitFor(() => expect(seen.latest?.queue.requests).toHaveLength(1));
  const refused = await client.request(
    'command',
    [{ baseVersion: 0, command: { type: 'floor.next', expectedSpeechId: null } }],
    5000,
  );
  expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
  const clock = (await client.request('clock', [], 5000)) as { now: number };
  expect(Math.abs(clock.now - Date.now())).toBeLessThan(5000);
});

it('reports a refused handshake with the server’s reason', async () => {
  const rt = await createRoundtable(server.url);
  const { client, seen } = phoneClient(rt.roundtableId, 'x'.repeat(32));
  await vi.waitFor(() => expect(seen.errors[0]).toMatchObject({ code: 'unauthenticated', reason: 'unknown_key' }));
  expect(seen.connects).toBe(0);
  await expect(client.request('clock', [], 1000)).rejects.toBeInstanceOf(NotConnected);
});

it('comes back by itself after the server restarts, and fails requests that cannot be answered', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Yerlan Abenov');
  const { client, seen } = phoneClient(rt.roundtableId, p.token);
  await vi.waitFor(() => expect(seen.connects).toBe(1));

  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const pending = client.request('clock', [], 60_000);
  // Watched before the restart: the request fails while the server is going down, before restart() returns.
  const failed = expect(pending).rejects.toBeInstanceOf(Error);
  await server.restart();
  await failed;
  expect(seen.disconnects).toContain('transport');
  await vi.waitFor(() => expect(seen.connects).toBe(2), { timeout: 15_000 });

  const again = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(again);
  const ack = await send(again, { type: 'joining.setLocked', locked: true });
  if (!ack.ok) throw new Error(ack.message);
  await vi.waitFor(() => expect(seen.latest?.version).toBe(ack.version));
});

it('hears the server end its session, and is refused when it tries again', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Troublemaker');
  const { seen } = phoneClient(rt.roundtableId, p.token);
  await vi.waitFor(() => expect(seen.connects).toBe(1));
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  await send(moderator, { type: 'participant.ban', participantId: p.body.participantId });
  await vi.waitFor(() => expect(seen.disconnects).toEqual(['server']));
  await vi.waitFor(() => expect(seen.errors[0]).toMatchObject({ code: 'banned', reason: 'banned' }), {
    timeout: 10_000,
  });
});

/** A server that opens Engine.IO and Socket.IO sessions and then says nothing: no pings, no answers. */
async function silentServer(heartbeatMs: number) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  let sessions = 0;
  wss.on('connection', (ws) => {
    sessions++;
    ws.send(`0${JSON.stringify({ sid: `s${sessions}`, pingInterval: heartbeatMs / 2, pingTimeout: heartbeatMs / 2 })}`);
    ws.on('message', (data) => String(data).startsWith('40') && ws.send(`40${JSON.stringify({ sid: 'x' })}`));
  });
  const { port } = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, sessions: () => sessions, wss };
}

it('times out a request that is never answered, and drops a connection that stops hearing the server', async () => {
  const silent = await silentServer(400);
  const seen = { connects: 0, disconnects: [] as string[] };
  const client = new SocketIoClient<ServerToClientEvents>(
    { roundtableId: 'r', token: 't' },
    { connect: () => seen.connects++, disconnect: (r) => seen.disconnects.push(r), connectError: () => {} },
    silent.url,
  );
  clients.push(client);
  await vi.waitFor(() => expect(seen.connects).toBe(1));
  await expect(client.request('clock', [], 100)).rejects.toBeInstanceOf(AckTimeout);
  await vi.waitFor(() => expect(seen.disconnects).toEqual(['transport']), { timeout: 5000 });
  await vi.waitFor(() => expect(seen.connects).toBe(2), { timeout: 5000 });
  expect(silent.sessions()).toBe(2);
  client.close();
  silent.wss.close();
});
