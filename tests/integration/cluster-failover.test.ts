import { afterEach, expect, it } from 'vitest';
import type { CommandAck, DomainEvent } from '@roundtable/shared';
import { closeAll, connect, connected, send, type TestSocket } from '../support/clients.js';
import { converged, ownRedis, startCluster, type TestCluster } from '../support/cluster.js';
import { tcpLink } from '../support/tcpLink.js';
import { command, discussion, expectOneHistory, moderator, phone, type Discussion } from '../support/clusterRoom.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  closeAll();
  await cluster?.stop();
  cluster = undefined;
});

const adding = (name: string) =>
  ({
    type: 'participant.add',
    profile: { name, function: 'Observer', delegation: null, language: 'en' },
    role: 'participant',
  }) as const;

/** Every name a moderator's client ever held, whole or patched: what someone saw. */
function watchNames(socket: TestSocket, seen: Set<string>): void {
  socket.watchers.add((state) => state.participants.forEach((p) => seen.add(p.name)));
}

/** The events the store holds for each version after `since`. */
async function storedEvents(c: TestCluster, roundtableId: string, since: number): Promise<Map<number, DomainEvent[]>> {
  const byVersion = new Map<number, DomainEvent[]>();
  for (const { version, event } of await c.store.events(roundtableId, since, 100_000)) {
    byVersion.set(version, [...(byVersion.get(version) ?? []), event]);
  }
  return byVersion;
}

it('SIGKILL of a node mid-burst loses nothing anyone saw, and its clients converge on another node', async () => {
  cluster = await startCluster(3);
  const [a, b, c] = cluster.nodes;
  if (!a || !b || !c) throw new Error('three nodes');
  const room = await discussion(b.url);
  const phoneA = await phone(a.url, room, 'Phone On A');
  const doomed = [await moderator(a.url, room), phoneA.socket];
  const others = [await moderator(c.url, room), (await phone(c.url, room, 'Phone On C')).socket];
  const seen = new Set<string>();
  for (const s of [...doomed, ...others]) if (s.me?.role === 'moderator') watchNames(s, seen);
  const initial = await converged(cluster, room.roundtableId, [...doomed, ...others], room.key);

  const acked: { version: number; name: string }[] = [];
  const record = (name: string) => (ack: CommandAck) => void (ack.ok && acked.push({ version: ack.version, name }));
  // A's moderator fires a whole burst at once; the acks that never come back belong to the killed node.
  for (let i = 0; i < 300; i++) void send(doomed[0] as TestSocket, adding(`A ${i}`)).then(record(`A ${i}`));
  // Meanwhile B (HTTP) and C (socket) keep committing, before, during and after the kill.
  let killed = false;
  const steady = async (go: (name: string) => Promise<CommandAck>, prefix: string) => {
    for (let i = 0, after = 0; after < 10; i++) {
      const name = `${prefix} ${i}`;
      record(name)(await go(name));
      if (killed) after++;
    }
  };
  const steadies = [
    steady((name) => command(b.url, room.roundtableId, room.key, adding(name)), 'B'),
    steady((name) => send(others[0] as TestSocket, adding(name)), 'C'),
  ];
  await expect.poll(() => acked.filter((x) => x.name.startsWith('A ')).length, { timeout: 20_000 }).toBeGreaterThan(30);
  await a.kill('SIGKILL');
  killed = true;
  await Promise.all(steadies);
  // The kill came mid-burst: some of A's commands were never answered.
  expect(acked.filter((x) => x.name.startsWith('A ')).length).toBeLessThan(300);

  // As a proxy would, A's clients are sent to another node, with the same keys.
  const moved = [connect(b.url, room.roundtableId, room.key), connect(b.url, room.roundtableId, phoneA.token)];
  await Promise.all(moved.map(connected));
  const final = await converged(cluster, room.roundtableId, [...moved, ...others], room.key);

  const stored = await cluster.stored(room.roundtableId, 'moderator');
  const names = new Set(stored.participants.map((p) => p.name));
  expect([...seen].filter((name) => !names.has(name))).toEqual([]);
  const events = await storedEvents(cluster, room.roundtableId, initial);
  const lost = acked.filter(({ version, name }) => {
    const at = events.get(version) ?? [];
    return !at.some((e) => e.type === 'participant.joined' && e.participant.name === name);
  });
  expect(lost).toEqual([]);
  expect(new Set(acked.map((x) => x.version)).size).toBe(acked.length);
  expect(final).toBe(stored.version);

  // A comes back on its port and serves the cluster's state at once.
  await a.restart();
  const back = connect(a.url, room.roundtableId, room.key);
  expect((await connected(back)).version).toBe(final);
});

/** `/readyz`'s word on Redis. */
async function redisReady(url: string): Promise<string> {
  const res = await fetch(`${url}/readyz`);
  return ((await res.json()) as { redis: string }).redis;
}

it('a Redis restart loses no version: commands on each node commit meanwhile, and every client converges', async () => {
  const redis = await ownRedis();
  try {
    cluster = await startCluster(2, redis.url);
    const [a, b] = cluster.nodes;
    if (!a || !b) throw new Error('two nodes');
    const room: Discussion = await discussion(a.url);
    const desks = [await moderator(a.url, room), await moderator(b.url, room)];
    const phones = [await phone(a.url, room, 'Phone On A'), await phone(b.url, room, 'Phone On B')];
    const sockets = [...desks, ...phones.map((p) => p.socket)];
    const initial = await converged(cluster, room.roundtableId, sockets, room.key);
    const acks: CommandAck[] = [];
    const round = async (label: string) => {
      for (const [i, desk] of desks.entries()) acks.push(await send(desk, adding(`${label} ${i}`)));
    };
    await round('Before');

    await redis.stop();
    await Promise.all([a, b].map((n) => expect.poll(() => redisReady(n.url), { timeout: 20_000 }).not.toBe('ok')));
    await round('During 1');
    for (const p of phones) acks.push(await send(p.socket, { type: 'queue.request', kind: 'speech', topic: '' }));
    await round('During 2');
    expect(acks.filter((x) => !x.ok)).toEqual([]);

    await redis.start();
    await Promise.all([a, b].map((n) => expect.poll(() => redisReady(n.url), { timeout: 20_000 }).toBe('ok')));
    expect(await converged(cluster, room.roundtableId, sockets, room.key)).toBe(expectOneHistory(acks, initial));
    // And fan-out works again: what one node commits reaches the other's clients without a recheck.
    await round('After');
    expect(await converged(cluster, room.roundtableId, sockets, room.key)).toBe(expectOneHistory(acks, initial));
    const stored = await cluster.stored(room.roundtableId, 'moderator');
    expect(stored.queue.requests.map((r) => r.participantId).sort()).toEqual(phones.map((p) => p.participantId).sort());
  } finally {
    closeAll();
    await cluster?.stop();
    cluster = undefined;
    await redis.stop();
  }
});

it('a node cut off from Redis while it restarts learns what it missed from the store once it is back', async () => {
  const redis = await ownRedis();
  const link = await tcpLink(redis.url);
  try {
    // Node 1 reaches Redis through the link: cut, it misses what node 0 tells the others meanwhile.
    cluster = await startCluster(2, (n) => (n === 1 ? link.url : redis.url));
    const [a, b] = cluster.nodes;
    if (!a || !b) throw new Error('two nodes');
    const room = await discussion(a.url);
    const desks = [await moderator(a.url, room), await moderator(b.url, room)];
    const sockets = [...desks, (await phone(b.url, room, 'Phone On B')).socket];
    const initial = await converged(cluster, room.roundtableId, sockets, room.key);
    link.cut();
    await expect.poll(() => redisReady(b.url), { timeout: 20_000 }).not.toBe('ok');
    // B's command first: one after A's would have to learn A's versions on the way (a lost race).
    const acks = [await send(desks[1] as TestSocket, adding('Cut off B'))];
    for (let i = 0; i < 3; i++) acks.push(await send(desks[0] as TestSocket, adding(`Told to nobody ${i}`)));
    // What A told B went into a Redis that forgets it on restart: nobody will ever deliver it.
    await redis.stop();
    await redis.start();
    await expect.poll(() => redisReady(a.url), { timeout: 20_000 }).toBe('ok');
    link.mend();
    await expect.poll(() => redisReady(b.url), { timeout: 20_000 }).toBe('ok');
    expect(await converged(cluster, room.roundtableId, sockets, room.key)).toBe(expectOneHistory(acks, initial));
  } finally {
    closeAll();
    await cluster?.stop();
    cluster = undefined;
    await link.close();
    await redis.stop();
  }
});
