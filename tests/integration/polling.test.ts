import { afterEach, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { CommandAck, StateView } from '@roundtable/shared';
import { connect, connected, createRoundtable, join } from '../support/clients.js';
import { startServer, type TestServer } from '../support/server.js';

/** Long-polling sessions (issue 14: networks that refuse WebSocket) pass the same doors as WebSocket ones. */
const servers: TestServer[] = [];
const pollers: Socket[] = [];
afterEach(async () => {
  for (const s of pollers.splice(0)) s.disconnect();
  for (const s of servers.splice(0)) await s.stop();
});

async function start(overrides: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(overrides);
  servers.push(server);
  return server;
}

function poll(url: string, roundtableId: string, token: string): Socket {
  const socket = io(url, {
    auth: { roundtableId, token },
    transports: ['polling'],
    forceNew: true,
    reconnection: false,
  });
  pollers.push(socket);
  return socket;
}

const outcome = (socket: Socket) =>
  new Promise<unknown>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve((error as Error & { data?: unknown }).data));
  });

it('lets a phone in over long-polling, with its state, its commands and the dispatcher’s refusals', async () => {
  const server = await start();
  const rt = await createRoundtable(server.url);
  const phone = await join(server.url, rt.joinCode, 'Behind Proxy');
  const socket = poll(server.url, rt.roundtableId, phone.token);
  const state = new Promise<StateView>((resolve) => socket.once('state', resolve));
  expect(await outcome(socket)).toBe('connected');
  expect(socket.io.engine.transport.name).toBe('polling');
  expect((await state).participantCount).toBe(1);

  const ask = (event: string, ...args: unknown[]) =>
    socket.timeout(5000).emitWithAck(event, ...args) as Promise<CommandAck>;
  expect(await ask('no.such.event')).toMatchObject({ ok: false, code: 'invalid' });
  expect(await ask('clock', 1)).toMatchObject({ ok: false, code: 'invalid' });
  expect(await ask('command', { baseVersion: 0, command: { type: 'agenda.start', itemId: 'x' } })).toMatchObject({
    ok: false,
    code: 'forbidden',
  });
});

it('counts polling sessions against the key’s connection limit together with WebSocket ones', async () => {
  const server = await start({ connectionsPerKey: 1 });
  const rt = await createRoundtable(server.url);
  const phone = await join(server.url, rt.joinCode, 'Two Tabs');
  await connected(connect(server.url, rt.roundtableId, phone.token));
  expect(await outcome(poll(server.url, rt.roundtableId, phone.token))).toMatchObject({
    reason: 'too_many_connections',
    params: { max: 1 },
  });
});

it('counts unauthenticated polling handshakes against the address’s limit', async () => {
  const server = await start({ pendingConnectionsPerAddress: 2 });
  const handshake = () => fetch(`${server.url}/socket.io/?EIO=4&transport=polling`).then((res) => res.status);
  expect([await handshake(), await handshake()]).toEqual([200, 200]);
  expect(await handshake()).toBe(403);
});
