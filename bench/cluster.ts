/**
 * 7. Cluster (issue 17): several nodes on one PostgreSQL and one Redis. Fan-out across nodes: N phones of one
 * roundtable spread over two nodes against the same N on one node (the same PostgreSQL + Redis mode), and
 * on SQLite for reference; then many rooms (clusterRooms.ts) and failover (clusterFailover.ts).
 */
import { now, sleep } from './lib/clock.js';
import { startEngines, type Engines } from './lib/engines.js';
import { drive, queueDriver } from './fanout.js';
import { histogram, merge, summarize, type Summary } from './lib/histogram.js';
import { moderatorOn, setUpRooms, sqliteStore, startNodes, stopNodes, type Store } from './lib/nodes.js';
import { serverCost, ratio } from './lib/report.js';
import { deal, spawnWorkers, stopWorkers } from './lib/workers.js';
import { manyRooms, type RoomsResult } from './clusterRooms.js';
import { failover, type FailoverResult } from './clusterFailover.js';
import type { CollectResult, ConnectResult } from './clients/participants.js';
import type { ClusterOptions, NodeFigures } from './clusterOptions.js';

export interface ClusterFanoutSide {
  label: string;
  nodes: NodeFigures[];
  sent: number;
  latency: Summary;
  missing: number;
  clientCpuCores: number;
}

export interface ClusterResult {
  fanout?: {
    n: number;
    rate: number;
    durationS: number;
    sides: ClusterFanoutSide[];
    ratio: { p50: number; p99: number };
  };
  rooms?: RoomsResult;
  failover?: FailoverResult;
}

/** One side of the fan-out: `count` nodes, the moderator on the first, client process i on node i mod count. */
async function spread(
  label: string,
  store: Store,
  count: number,
  opts: ClusterOptions,
  room: Awaited<ReturnType<typeof setUpRooms>>[number],
): Promise<ClusterFanoutSide> {
  const processes = Math.max(2, Math.ceil(opts.n / 1250));
  const workers = spawnWorkers('clients/participants.ts', processes, opts.clientCpus);
  const nodes = await startNodes(count, store, opts.serverCpus, opts.profileDir);
  try {
    const base = await Promise.all(nodes.map((n) => n.metrics(true)));
    const parts = deal(
      room.people.map((p) => p.token),
      processes,
    );
    const connected = await Promise.all(
      workers.map((w, i) =>
        w.call<ConnectResult>('connect', {
          mode: 'socketio',
          follow: 'one',
          url: nodes[i % count]?.url,
          roundtableId: room.roundtableId,
          tokens: parts[i],
          concurrency: 20,
          timeoutMs: 60_000,
        }),
      ),
    );
    const mod = await moderatorOn(nodes[0]?.url ?? '', room);
    await sleep(2000);
    const idle = await Promise.all(nodes.map((n) => n.metrics(true)));
    await Promise.all(workers.map((w) => w.call('record')));
    await Promise.all(nodes.map((n) => n.resetMetrics()));
    const ids = room.people.slice(0, 50).map((p) => p.participantId);
    const { sent } = await drive(opts.rate, opts.durationMs, queueDriver(mod, ids));
    await sleep(1000);
    const busy = await Promise.all(nodes.map((n) => n.metrics(false)));
    const results = await Promise.all(workers.map((w) => w.call<CollectResult>('collect', { sent })));
    await Promise.all(workers.map((w) => w.call('close')));
    mod.socket.close();
    const figures = nodes.map((_, k) => {
      const connections = connected.filter((_, i) => i % count === k).reduce((s, c) => s + c.connected, 0);
      const [b, i, z] = [base[k], idle[k], busy[k]];
      if (!b || !i || !z) throw new Error('a node gave no metrics');
      return { connections, cost: serverCost(b, i, z, connections) };
    });
    return {
      label,
      nodes: figures,
      sent: sent.length,
      latency: summarize(results.reduce((h, r) => merge(h, r.latency), histogram())),
      missing: results.reduce((s, r) => s + r.missing, 0),
      clientCpuCores: Math.round(results.reduce((s, r) => s + r.cpuCores, 0) * 100) / 100,
    };
  } finally {
    await stopNodes(nodes);
    await stopWorkers(workers);
  }
}

async function fanoutAcross(opts: ClusterOptions, engines: Engines): Promise<NonNullable<ClusterResult['fanout']>> {
  const sides: ClusterFanoutSide[] = [];
  const sqlite = sqliteStore();
  const [sqliteRoom] = await setUpRooms(sqlite, 1, opts.n, opts.serverCpus);
  if (sqliteRoom) sides.push(await spread('SQLite, 1 node', sqlite, 1, opts, sqliteRoom));
  const pg: Store = { kind: 'postgres', databaseUrl: engines.database(), redisUrl: engines.redisUrl };
  const t0 = now();
  const [room] = await setUpRooms(pg, 1, opts.n, opts.serverCpus);
  console.log(`  ${opts.n} joined on PostgreSQL in ${((now() - t0) / 1000).toFixed(1)} s`);
  if (!room) throw new Error('no roundtable');
  const one = await spread('PostgreSQL + Redis, 1 node', pg, 1, opts, room);
  const two = await spread('PostgreSQL + Redis, 2 nodes', pg, 2, opts, room);
  sides.push(one, two);
  return {
    n: opts.n,
    rate: opts.rate,
    durationS: opts.durationMs / 1000,
    sides,
    ratio: { p50: ratio(two.latency.p50, one.latency.p50), p99: ratio(two.latency.p99, one.latency.p99) },
  };
}

export async function cluster(opts: ClusterOptions): Promise<ClusterResult> {
  const engines = startEngines(opts.redisUrl);
  try {
    const result: ClusterResult = {};
    if (opts.parts.has('fanout')) {
      console.log(`  fan-out across nodes: ${opts.n} phones, ${opts.rate}/s for ${opts.durationMs / 1000} s …`);
      result.fanout = await fanoutAcross(opts, engines);
    }
    if (opts.parts.has('rooms')) {
      console.log(`  many rooms: ${opts.rooms} × ${opts.roomSize} phones …`);
      result.rooms = await manyRooms(opts, engines);
    }
    if (opts.parts.has('failover')) {
      console.log(`  failover: ${opts.failoverN} phones, ${opts.failovers} kills …`);
      result.failover = await failover(opts, engines);
    }
    return result;
  } finally {
    engines.stop();
  }
}
