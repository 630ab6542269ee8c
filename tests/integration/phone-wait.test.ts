import { beforeEach, expect, it } from 'vitest';
import { ORDERING_POLICIES, estimatedWaitMs, limitMs, remainingMs, type StateView } from '@roundtable/shared';
import { connect, connected, join, nextState, send, startDemo, type TestSocket } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

/** What a screen shows for a request: its place (1-based) and its estimated wait, as the pages compute them. */
function shown(view: StateView, requestId: string, now: number) {
  return {
    position: view.queueOrder.findIndex((o) => o.id === requestId) + 1,
    wait: estimatedWaitMs(view, requestId, now),
  };
}

/** The wait the rules give, counted by hand: the floor's remainder plus the limit of everyone ahead. */
function expectedWait(moderator: StateView, requestId: string, now: number): number {
  const ahead = moderator.queueOrder.slice(
    0,
    moderator.queueOrder.findIndex((o) => o.id === requestId),
  );
  const limits = ahead.map((o) => {
    const r = moderator.queue.requests.find((q) => q.id === o.id);
    return r ? limitMs(moderator, r.itemId, r.kind) : Number.NaN;
  });
  const floorLeft = moderator.floor ? Math.max(0, remainingMs(moderator.floor, now)) : 0;
  return limits.reduce((sum, ms) => sum + ms, floorLeft);
}

const at = (socket: TestSocket, version: number) => nextState(socket, (s) => s.version >= version);

it('shows each phone the place and the wait the moderator sees, under every ordering policy', async () => {
  const demo = await startDemo(server.url);
  const moderator = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  const start = await connected(moderator);
  const item = start.agenda[1];
  const [europe, asia, third] = start.delegations;
  if (!item || !europe || !asia || !third) throw new Error('demo without a discussion or delegations');
  expect(await send(moderator, { type: 'agenda.start', itemId: item.id })).toMatchObject({ ok: true });

  const phoneOf = async (name: string, delegationId: string) => {
    const p = await join(server.url, demo.joinCode, name, undefined, { id: delegationId });
    const socket = connect(server.url, demo.roundtableId, p.token);
    await connected(socket);
    return { socket, id: p.body.participantId };
  };
  const veteran = await phoneOf('Veteran Speaker', europe.id);
  const newcomer = await phoneOf('New Speaker', asia.id);
  const holder = await phoneOf('Floor Holder', third.id);

  // The speech log that makes the policies differ: the veteran (and so Europe) has spoken, for some time.
  const gave = await send(moderator, {
    type: 'floor.give',
    participantId: veteran.id,
    kind: 'speech',
    expectedSpeechId: null,
  });
  expect(gave).toMatchObject({ ok: true });
  const speaking = await nextState(moderator, (s) => s.floor?.participantId === veteran.id);
  const startedAt = speaking.floor?.startedAt ?? 0;
  await expect.poll(() => Date.now()).toBeGreaterThan(startedAt + 20);
  expect(await send(moderator, { type: 'floor.end', speechId: speaking.floor?.speechId ?? '' })).toMatchObject({
    ok: true,
  });
  await nextState(moderator, (s) => s.speeches.length === 1 && s.floor === null);

  // The veteran asks first, the newcomer second; someone holds the floor meanwhile, so the waits include it.
  const ask = async (phone: { socket: TestSocket }) => {
    const ack = await send(phone.socket, { type: 'queue.request', kind: 'speech', topic: '' });
    if (!ack.ok || !ack.result?.requestId) throw new Error(`could not ask: ${JSON.stringify(ack)}`);
    return ack.result.requestId;
  };
  const veteranAsks = await ask(veteran);
  const newcomerAsks = await ask(newcomer);
  expect(
    await send(moderator, { type: 'floor.give', participantId: holder.id, kind: 'speech', expectedSpeechId: null }),
  ).toMatchObject({ ok: true });

  const firsts: Record<string, string | undefined> = {};
  for (const policy of ORDERING_POLICIES) {
    const ack = await send(moderator, { type: 'agenda.update', itemId: item.id, fields: { orderingPolicy: policy } });
    if (!ack.ok) throw new Error(`could not set ${policy}: ${JSON.stringify(ack)}`);
    const [seen, veteranView, newcomerView] = await Promise.all([
      at(moderator, ack.version),
      at(veteran.socket, ack.version),
      at(newcomer.socket, ack.version),
    ]);
    expect(seen.floor?.participantId).toBe(holder.id);
    firsts[policy] = seen.queueOrder[0]?.id;
    const now = Date.now();
    for (const [phone, requestId] of [
      [veteranView, veteranAsks],
      [newcomerView, newcomerAsks],
    ] as const) {
      const onConsole = shown(seen, requestId, now);
      expect(onConsole.wait, `${policy}: the console's wait`).toBe(expectedWait(seen, requestId, now));
      expect(shown(phone, requestId, now), `${policy}: the phone's place and wait`).toEqual(onConsole);
    }
  }
  // The log mattered: the policies that weigh it put the newcomer first; first come, first served does not.
  expect(firsts).toEqual({ fifo: veteranAsks, first_time: newcomerAsks, balance: newcomerAsks });
});
