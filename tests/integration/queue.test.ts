import { beforeEach, expect, it } from 'vitest';
import { speakingStats, type StateView } from '@roundtable/shared';
import { closeAll, connect, connected, join, nextState, send, startDemo } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

/** The Astana scenario with its first thematic discussion running. */
async function runningDiscussion() {
  const demo = await startDemo(server.url);
  const moderator = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  const state = await connected(moderator);
  expect(state.participants).toHaveLength(75);
  expect(state.delegations).toHaveLength(17);
  expect(state.agenda).toHaveLength(8);
  const item = state.agenda[1];
  if (!item) throw new Error('no discussion item');
  expect(await send(moderator, { type: 'agenda.start', itemId: item.id })).toMatchObject({ ok: true });
  return { demo, moderator, itemId: item.id };
}

it('works through ten concurrent requests into an exact speech log and statistics', async () => {
  const { demo, moderator } = await runningDiscussion();
  const delegationIds = moderator.latest?.delegations.map((d) => d.id) ?? [];
  const phones = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const p = await join(server.url, demo.joinCode, `Expert ${i}`, undefined, { id: delegationIds[i % 3] });
      const socket = connect(server.url, demo.roundtableId, p.token);
      await connected(socket);
      return { socket, id: p.body.participantId };
    }),
  );
  const acks = await Promise.all(
    phones.map((p) => send(p.socket, { type: 'queue.request', kind: 'speech', topic: '' })),
  );
  expect(acks.every((a) => a.ok)).toBe(true);
  const queued = await nextState(moderator, (s) => s.queueOrder.length === 10);
  const order = queued.queueOrder.map((o) => queued.queue.requests.find((r) => r.id === o.id)?.participantId);

  for (let n = 0; n < 10; n++) {
    const expected = moderator.latest?.floor?.speechId ?? null;
    expect(await send(moderator, { type: 'floor.next', expectedSpeechId: expected })).toMatchObject({ ok: true });
    await nextState(moderator, (s) => s.floor !== null && s.floor.speechId !== expected);
  }
  const last = moderator.latest?.floor?.speechId;
  if (!last) throw new Error('nobody on the floor');
  await send(moderator, { type: 'floor.end', speechId: last });
  const done = await nextState(moderator, (s) => s.speeches.length === 10 && s.floor === null);
  expect(done.speeches.map((s) => s.participantId)).toEqual(order);
  expect(done.queue.requests).toEqual([]);
  const stats = speakingStats(done.speeches);
  expect([...stats.byParticipant.values()].map((t) => t.count)).toEqual(Array(10).fill(1));
  const byDelegation = Object.fromEntries([...stats.byDelegation].map(([id, t]) => [id, t.count]));
  expect(byDelegation).toEqual({
    [delegationIds[0] ?? '']: 4,
    [delegationIds[1] ?? '']: 3,
    [delegationIds[2] ?? '']: 3,
  });
});

it('advances once when two moderators press "next" at the same moment', async () => {
  const { demo, moderator } = await runningDiscussion();
  const second = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  await connected(second);
  for (const name of ['First Speaker', 'Second Speaker']) {
    const p = await join(server.url, demo.joinCode, name);
    const phone = connect(server.url, demo.roundtableId, p.token);
    await connected(phone);
    await send(phone, { type: 'queue.request', kind: 'speech', topic: '' });
  }
  await nextState(second, (s) => s.queueOrder.length === 2);
  await nextState(moderator, (s) => s.queueOrder.length === 2);
  const acks = await Promise.all([
    send(moderator, { type: 'floor.next', expectedSpeechId: null }),
    send(second, { type: 'floor.next', expectedSpeechId: null }),
  ]);
  expect(acks.filter((a) => a.ok)).toHaveLength(1);
  const refused = acks.find((a) => !a.ok);
  expect(refused).toMatchObject({ ok: false, code: 'stale' });
  expect(refused).toMatchObject({ reason: 'floor_passed', params: { name: 'First Speaker' } });
  const state = await nextState(moderator, (s) => s.floor !== null);
  expect(state.queueOrder).toHaveLength(1);
});

it('keeps the floor, its clock and the queue across a restart mid-speech', async () => {
  const { demo, moderator } = await runningDiscussion();
  for (const name of ['Speaker One', 'Speaker Two']) {
    const p = await join(server.url, demo.joinCode, name);
    const phone = connect(server.url, demo.roundtableId, p.token);
    await connected(phone);
    await send(phone, { type: 'queue.request', kind: 'question', topic: 'Border data' });
  }
  await nextState(moderator, (s) => s.queueOrder.length === 2);
  await send(moderator, { type: 'floor.next', expectedSpeechId: null });
  const before = await nextState(moderator, (s) => s.floor !== null);
  closeAll();
  await server.restart();
  const again = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  const after = await connected(again);
  expect(after.floor).toEqual(before.floor);
  expect(after.queue.requests).toEqual(before.queue.requests);
  expect(after.agenda[1]?.status).toBe('running');
  expect(after.agenda[1]?.runs).toEqual(before.agenda[1]?.runs);
});

it('keeps two moderators’ concurrent reorders of the agenda consistent', async () => {
  const demo = await startDemo(server.url);
  const a = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  const b = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  const state = await connected(a);
  await connected(b);
  const [first, second, , fourth] = state.agenda.map((i) => i.id);
  const acks = await Promise.all([
    send(a, { type: 'agenda.move', itemId: fourth, after: null }, state.version),
    send(b, { type: 'agenda.move', itemId: first, after: second }, state.version),
  ]);
  expect(acks.every((x) => x.ok)).toBe(true);
  const finalVersion = state.version + 2;
  const [sa, sb] = await Promise.all([
    nextState(a, (s) => s.version === finalVersion),
    nextState(b, (s) => s.version === finalVersion),
  ]);
  expect(sa.agenda.map((i) => i.id)).toEqual(sb.agenda.map((i) => i.id));
  expect(new Set(sa.agenda.map((i) => i.id)).size).toBe(8);
  expect(sa.agenda[0]?.id).toBe(fourth);
});

it('keeps a disconnected participant’s place and shows the moderator they are offline', async () => {
  const { demo, moderator } = await runningDiscussion();
  const presence: string[][] = [];
  moderator.on('presence', (ids) => presence.push(ids));
  const p = await join(server.url, demo.joinCode, 'Flaky Wi-Fi');
  const phone = connect(server.url, demo.roundtableId, p.token);
  await connected(phone);
  await send(phone, { type: 'queue.request', kind: 'speech', topic: 'Border data' });
  await expect.poll(() => presence.at(-1)).toEqual([p.body.participantId]);
  phone.disconnect();
  await expect.poll(() => presence.at(-1)).toEqual([]);
  expect(moderator.latest?.queue.requests.map((r) => r.participantId)).toEqual([p.body.participantId]);

  const back = connect(server.url, demo.roundtableId, p.token);
  const state = await connected(back);
  expect(state.queueOrder).toHaveLength(1);
  expect(state.queue.requests[0]?.participantId).toBe(p.body.participantId);
  expect(await send(back, { type: 'queue.request', kind: 'speech', topic: 'again' })).toMatchObject({
    ok: false,
    code: 'conflict',
  });
});

/** A phone in the running discussion: its socket, its participant id, and a way to ask. */
async function phoneIn(demo: { joinCode: string; roundtableId: string }, name: string) {
  const p = await join(server.url, demo.joinCode, name);
  const socket = connect(server.url, demo.roundtableId, p.token);
  await connected(socket);
  const ask = async (kind: 'speech' | 'reply' | 'point_of_order') => {
    const ack = await send(socket, { type: 'queue.request', kind, topic: '' });
    if (!ack.ok || !ack.result?.requestId) throw new Error(`${name} could not ask: ${JSON.stringify(ack)}`);
    return ack.result.requestId;
  };
  return { socket, id: p.body.participantId, ask };
}

/** Where a request stands on a phone's own screen: its place (1-based) and the reason it is given. */
const placeOf = (s: StateView, requestId: string) => {
  const at = s.queueOrder.findIndex((o) => o.id === requestId);
  return { position: at + 1, reason: s.queueOrder[at]?.reason };
};

it('keeps a direct reply first, with its reason, on its phone while a point of order is heard', async () => {
  const { demo, moderator } = await runningDiscussion();
  const [speaker, early, replier, chair] = await Promise.all(
    ['Floor Holder', 'Early Asker', 'Direct Replier', 'Order Caller'].map((n) => phoneIn(demo, n)),
  );
  if (!speaker || !early || !replier || !chair) throw new Error('phones missing');
  expect(
    await send(moderator, { type: 'floor.give', participantId: speaker.id, kind: 'speech', expectedSpeechId: null }),
  ).toMatchObject({ ok: true });
  await nextState(replier.socket, (s) => s.floor?.participantId === speaker.id);
  const waiting = await early.ask('speech');
  const reply = await replier.ask('reply');
  await chair.ask('point_of_order');
  const before = await nextState(moderator, (s) => s.queueOrder.length === 3);
  expect(await send(moderator, { type: 'floor.next', expectedSpeechId: before.floor?.speechId ?? null })).toMatchObject(
    { ok: true },
  );
  const heard = await nextState(replier.socket, (s) => s.floor?.participantId === chair.id);
  expect(placeOf(heard, reply)).toEqual({ position: 1, reason: 'direct_reply' });
  expect(placeOf(heard, waiting)).toEqual({ position: 2, reason: 'first_come' });

  // A new speech moves the discussion on: the reply waits like the rest, and its phone is told why.
  expect(
    await send(moderator, {
      type: 'floor.give',
      participantId: early.id,
      requestId: waiting,
      kind: 'speech',
      expectedSpeechId: heard.floor?.speechId ?? null,
    }),
  ).toMatchObject({ ok: true });
  const moved = await nextState(replier.socket, (s) => s.floor?.participantId === early.id);
  expect(placeOf(moved, reply)).toEqual({ position: 1, reason: 'earlier_reply' });
});

it('lets a phone give its place to the next one, and only its own, only downwards', async () => {
  const { demo, moderator } = await runningDiscussion();
  const [first, second, third] = await Promise.all(
    ['First Asker', 'Second Asker', 'Third Asker'].map((n) => phoneIn(demo, n)),
  );
  if (!first || !second || !third) throw new Error('phones missing');
  const a = await first.ask('speech');
  const b = await second.ask('speech');
  const c = await third.ask('speech');
  await nextState(first.socket, (s) => s.queueOrder.length === 3);
  expect(await send(second.socket, { type: 'queue.yield', requestId: a, to: b })).toMatchObject({
    ok: false,
    code: 'forbidden',
  });
  expect(await send(first.socket, { type: 'queue.yield', requestId: a, to: b })).toMatchObject({ ok: true });
  const after = await nextState(first.socket, (s) => s.queueOrder[0]?.id === b);
  expect(placeOf(after, a)).toEqual({ position: 2, reason: 'yielded' });
  const seen = await nextState(moderator, (s) => s.queueOrder[0]?.id === b);
  expect(seen.queueOrder.map((o) => o.id)).toEqual([b, a, c]);
  expect(await send(second.socket, { type: 'queue.yield', requestId: b, to: a })).toMatchObject({ ok: true });
  await nextState(first.socket, (s) => s.queueOrder[0]?.id === a);
  expect(await send(third.socket, { type: 'queue.yield', requestId: c, to: a })).toMatchObject({
    ok: false,
    code: 'conflict',
  });
});
