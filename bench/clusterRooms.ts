/**
 * 7b. Many rooms (issue 17): R roundtables of S phones each, every moderator changing its queue once a second
 * (staggered), on one node and on two of the same PostgreSQL + Redis. On two, room r's moderator is on node
 * r mod 2 and its phones alternate between the nodes, so half of every room hears each change from the node
 * that did not make it. Latency: a moderator's command → each phone of its room receiving the new version.
 */
import { now, sleep } from './lib/clock.js';
import type { Engines } from './lib/engines.js';
import { drive, queueDriver } from './fanout.js';
import { histogram, merge, record, summarize, type Summary } from './lib/histogram.js';
import { moderatorOn, setUpRooms, startNodes, stopNodes, type Room, type Store } from './lib/nodes.js';
import { serverCost } from './lib/report.js';
import { deal, spawnWorkers, stopWorkers } from './lib/workers.js';
import type { ClusterOptions, NodeFigures } from './clusterOptions.js';
import type { Phone, RoomPhonesResult } from './clients/roomPhones.js';

export interface RoomsSide {
  nodes: number;
  connected: number;
  connectErrors: Record<string, number>;
  connectSeconds: number;
  sent: number;
  sendErrors: number;
  latency: Summary;
  /** The moderator's command → its ack: how much of the latency is the commit, not the fan-out. */
  ack: Summary;
  missing: number;
  perNode: NodeFigures[];
  clientCpuCores: number;
}

export interface RoomsResult {
  rooms: number;
  roomSize: number;
  durationS: number;
  setupSeconds: number;
  clientProcesses: number;
  sides: RoomsSide[];
}

async function measure(rooms: Room[], store: Store, count: number, opts: ClusterOptions): Promise<RoomsSide> {
  const processes = Math.max(2, Math.ceil((rooms.length * opts.roomSize) / 1250));
  const workers = spawnWorkers('clients/roomPhones.ts', processes, opts.clientCpus);
  const nodes = await startNodes(count, store, opts.serverCpus, opts.profileDir);
  const url = (k: number) => nodes[k % count]?.url ?? '';
  try {
    const base = await Promise.all(nodes.map((n) => n.metrics(true)));
    const phones: Phone[] = rooms.flatMap((r) =>
      r.people.map((p, j) => ({ roundtableId: r.roundtableId, token: p.token, url: url(j) })),
    );
    const t0 = now();
    const parts = deal(phones, processes);
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.call<{ connected: number; errors: Record<string, number> }>('connect', {
          phones: parts[i],
          concurrency: 20,
          timeoutMs: 60_000,
        }),
      ),
    );
    const connectSeconds = Math.round((now() - t0) / 100) / 10;
    const mods = await Promise.all(rooms.map((r, i) => moderatorOn(url(i), r)));
    await sleep(2000);
    const idle = await Promise.all(nodes.map((n) => n.metrics(true)));
    await Promise.all(workers.map((w) => w.call('record')));
    await Promise.all(nodes.map((n) => n.resetMetrics()));
    const gap = 1000 / rooms.length;
    const acks = histogram();
    const driven = await Promise.all(
      rooms.map(async (r, i) => {
        await sleep(i * gap);
        const mod = mods[i];
        if (!mod) throw new Error('no moderator');
        const ids = r.people.slice(0, 20).map((p) => p.participantId);
        const change = queueDriver(mod, ids);
        return drive(1, opts.durationMs - i * gap, async (k) => {
          const at = now();
          const version = await change(k);
          record(acks, now() - at);
          return version;
        });
      }),
    );
    await sleep(1000);
    const busy = await Promise.all(nodes.map((n) => n.metrics(false)));
    const sent = Object.fromEntries(rooms.map((r, i) => [r.roundtableId, driven[i]?.sent ?? []]));
    const results = await Promise.all(workers.map((w) => w.call<RoomPhonesResult>('collect', { sent })));
    await Promise.all(workers.map((w) => w.call('close')));
    for (const m of mods) m.socket.close();
    const connectErrors: Record<string, number> = {};
    for (const c of connected)
      for (const [k, v] of Object.entries(c.errors)) connectErrors[k] = (connectErrors[k] ?? 0) + v;
    // Phone j of every room is on node j mod count; each moderator too, once.
    const perNode = nodes.map((_, k) => {
      const connections = phones.filter((p) => p.url === url(k)).length;
      const [b, i, z] = [base[k], idle[k], busy[k]];
      if (!b || !i || !z) throw new Error('a node gave no metrics');
      return { connections, cost: serverCost(b, i, z, connections) };
    });
    return {
      nodes: count,
      connected: connected.reduce((s, c) => s + c.connected, 0),
      connectErrors,
      connectSeconds,
      sent: driven.reduce((s, d) => s + d.sent.length, 0),
      sendErrors: driven.reduce((s, d) => s + d.errors, 0),
      latency: summarize(results.reduce((h, r) => merge(h, r.latency), histogram())),
      ack: summarize(acks),
      missing: results.reduce((s, r) => s + r.missing, 0),
      perNode,
      clientCpuCores: Math.round(results.reduce((s, r) => s + r.cpuCores, 0) * 100) / 100,
    };
  } finally {
    await stopNodes(nodes);
    await stopWorkers(workers);
  }
}

export async function manyRooms(opts: ClusterOptions, engines: Engines): Promise<RoomsResult> {
  const store: Store = { kind: 'postgres', databaseUrl: engines.database(), redisUrl: engines.redisUrl };
  const t0 = now();
  const rooms = await setUpRooms(store, opts.rooms, opts.roomSize, opts.serverCpus);
  const setupSeconds = Math.round((now() - t0) / 100) / 10;
  console.log(`  ${rooms.length} roundtables of ${opts.roomSize} joined in ${setupSeconds} s`);
  const sides = [];
  for (const count of [1, 2]) sides.push(await measure(rooms, store, count, opts));
  return {
    rooms: opts.rooms,
    roomSize: opts.roomSize,
    durationS: opts.durationMs / 1000,
    setupSeconds,
    clientProcesses: Math.max(2, Math.ceil((opts.rooms * opts.roomSize) / 1250)),
    sides,
  };
}
