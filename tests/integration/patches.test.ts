import { beforeEach, expect, it, vi } from 'vitest';
import { StatePatch, patchVersion, type StateView } from '@roundtable/shared';
import { connect, connected, join, nextState, send, startDemo, type TestSocket } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

// After the first whole state, versions reach a room as patches; these tests hold every patched
// state against what a fresh connection of the same audience is given whole.
const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

/** Records the raw messages a socket is sent, beside the state it follows. */
function recorded(socket: TestSocket) {
  const messages: { event: string; bytes: number; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => {
    messages.push({ event, bytes: JSON.stringify(payload).length, payload });
  });
  return messages;
}

/** The state a new connection with this key is given, once it reaches `version`. */
async function freshView(roundtableId: string, key: string, version: number): Promise<StateView> {
  const fresh = connect(server.url, roundtableId, key);
  const state = await nextState(fresh, (s) => s.version >= version);
  fresh.disconnect();
  return state;
}

async function astana() {
  const demo = await startDemo(server.url);
  const moderator = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  const state = await connected(moderator);
  const phone = await join(server.url, demo.joinCode, 'Aigerim Bekova');
  const socket = connect(server.url, demo.roundtableId, phone.token);
  await connected(socket);
  return { demo, moderator, state, phone, socket };
}

it('brings phones and the moderator every change as a patch that ends in the state a fresh connection gets', async () => {
  const { demo, moderator, state, phone, socket } = await astana();
  const onPhone = recorded(socket);
  const onConsole = recorded(moderator);
  const item = state.agenda[1];
  const speaker = state.participants[3];
  if (!item || !speaker) throw new Error('demo without items or people');
  const steps = [
    { type: 'agenda.start', itemId: item.id },
    { type: 'queue.add', participantId: speaker.id, kind: 'speech', topic: 'Border data' },
    { type: 'queue.setClosed', closed: true },
    { type: 'floor.next', expectedSpeechId: null },
    { type: 'participant.update', participantId: speaker.id, profile: { name: 'Ерлан Сапаров' } },
  ];
  for (const command of steps) {
    const before = moderator.latest?.version ?? 0;
    const ack = await send(moderator, command);
    expect(ack, command.type).toMatchObject({ ok: true });
    await nextState(socket, (s) => s.version > before);
  }
  const last = moderator.latest?.version ?? 0;
  await vi.waitFor(() => expect(socket.latest?.version).toBe(last));
  expect(socket.latest).toEqual(await freshView(demo.roundtableId, phone.token, last));
  expect(moderator.latest).toEqual(await freshView(demo.roundtableId, demo.moderatorSecret, last));
  expect(socket.latest?.floor?.participantId).toBe(speaker.id);
  expect(socket.latest?.participants.find((p) => p.id === speaker.id)?.name).toBe('Ерлан Сапаров');

  // Phones were never sent a whole state after the first; a queue change was a fraction of one.
  const patches = onPhone.filter((m) => m.event === 'patch');
  expect(onPhone.filter((m) => m.event === 'state')).toEqual([]);
  // Changes in one 100 ms window come as one patch; each patch starts where the one before ended.
  const chain = patches.map((m) => StatePatch.parse(m.payload));
  expect(chain.length).toBeGreaterThanOrEqual(2);
  chain.slice(1).forEach(([from], i) => expect(from).toBe(patchVersion(chain[i] as StatePatch)));
  expect(patchVersion(chain.at(-1) as StatePatch)).toBe(last);
  const queueChange = patches.find((m) => JSON.stringify(m.payload).includes('Border data'));
  expect(queueChange?.bytes).toBeLessThan(JSON.stringify(socket.latest).length / 4);
  // The moderator's console is not sent the 75-person roster again for a change to the queue.
  const consolePatches = onConsole.filter((m) => m.event === 'patch').map((m) => StatePatch.parse(m.payload));
  expect(consolePatches.length).toBeGreaterThan(0);
  const rosterSent = consolePatches.filter(([, d]) => JSON.stringify(d).includes(state.participants[70]?.id ?? '?'));
  expect(rosterSent).toEqual([]);
});

it('asks for the state when a patch is lost, and holds the right state again', async () => {
  const { demo, moderator, state } = await astana();
  const phone = await join(server.url, demo.joinCode, 'Dana Nurlanovna');
  let lost = 0;
  // The first patch never reaches this phone (a bug, a proxy): the next one does not apply to what it holds.
  const socket = connect(server.url, demo.roundtableId, phone.token, { lose: () => lost++ === 0 });
  const syncs: unknown[] = [];
  socket.onAnyOutgoing((event: string, payload: unknown) => {
    if (event === 'sync') syncs.push(payload);
  });
  const first = await connected(socket);
  const item = state.agenda[1];
  if (!item) throw new Error('no item');
  expect(await send(moderator, { type: 'agenda.start', itemId: item.id })).toMatchObject({ ok: true });
  await vi.waitFor(() => expect(lost).toBe(1));
  expect(socket.latest).toBe(first);
  expect(await send(moderator, { type: 'queue.setClosed', closed: true })).toMatchObject({ ok: true });
  const after = await nextState(socket, (s) => s.queue.closed);
  expect(after.currentItemId).toBe(item.id);
  expect(after).toEqual(await freshView(demo.roundtableId, phone.token, after.version));
  expect(syncs).toEqual([{ since: first.version }]);
});

it('gives a participant made rapporteur the rapporteurs’ view at once, and patches it from there', async () => {
  const { demo, moderator, state, phone, socket } = await astana();
  expect(socket.latest?.participants.length).toBeLessThan(10);
  const ack = await send(moderator, {
    type: 'participant.setRole',
    participantId: phone.body.participantId,
    role: 'rapporteur',
  });
  expect(ack).toMatchObject({ ok: true });
  const promoted = await nextState(socket, (s) => s.participants.length === state.participants.length + 1);
  expect(socket.me?.role).toBe('rapporteur');
  const item = state.agenda[1];
  if (!item) throw new Error('no item');
  expect(await send(moderator, { type: 'agenda.start', itemId: item.id })).toMatchObject({ ok: true });
  const started = await nextState(socket, (s) => s.currentItemId === item.id);
  expect(started.version).toBeGreaterThan(promoted.version);
  expect(started).toEqual(await freshView(demo.roundtableId, phone.token, started.version));
});

it('sends whoever commands faster than the window patches from what they hold, never the whole state again', async () => {
  const { demo, moderator, state, socket } = await astana();
  const asker = await join(server.url, demo.joinCode, 'Ruslan Akhmetov');
  const askerSocket = connect(server.url, demo.roundtableId, asker.token);
  await connected(askerSocket);
  const onConsole = recorded(moderator);
  const onAsker = recorded(askerSocket);
  const onPhone = recorded(socket);
  const syncs: unknown[] = [];
  for (const s of [moderator, askerSocket]) s.onAnyOutgoing((event: string) => event === 'sync' && syncs.push(event));
  const item = state.agenda[1];
  if (!item) throw new Error('no item');
  // The first change goes out at once; the acks of the next ones come while the room's copy waits for its window.
  const commands = [
    { type: 'agenda.start', itemId: item.id },
    ...state.participants
      .slice(3, 6)
      .map((p) => ({ type: 'queue.add', participantId: p.id, kind: 'speech', topic: '' })),
  ];
  for (const command of commands) expect(await send(moderator, command)).toMatchObject({ ok: true });
  expect(await send(askerSocket, { type: 'queue.request', kind: 'speech', topic: 'Cyber' })).toMatchObject({
    ok: true,
  });
  expect(await send(moderator, { type: 'queue.setClosed', closed: true })).toMatchObject({ ok: true });
  const last = moderator.latest?.version ?? 0;
  await vi.waitFor(() => expect([socket.latest?.version, askerSocket.latest?.version]).toEqual([last, last]));

  for (const [client, key] of [
    [moderator, demo.moderatorSecret],
    [askerSocket, asker.token],
  ] as const) {
    expect(client.latest).toEqual(await freshView(demo.roundtableId, key, last));
  }
  const patchesOf = (messages: typeof onConsole) =>
    messages.filter((m) => m.event === 'patch').map((m) => StatePatch.parse(m.payload));
  // The window was used: the console got a patch per command, the room fewer, coalesced.
  expect(patchesOf(onConsole).length).toBeGreaterThan(patchesOf(onPhone).length);
  for (const messages of [onConsole, onAsker]) {
    expect(messages.filter((m) => m.event === 'state')).toEqual([]);
    const chain = patchesOf(messages);
    chain.slice(1).forEach(([from], i) => expect(from).toBe(patchVersion(chain[i] as StatePatch)));
  }
  expect(syncs).toEqual([]);
});
