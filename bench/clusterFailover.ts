/**
 * 7c. Failover (issue 17): two nodes of one PostgreSQL + Redis, a roundtable's phones alternating between
 * them and the moderator's console on node A. Node A is killed (SIGKILL); its phones come back on node B
 * after the app's first retry delay, and so does the moderator, who then changes the queue. Measured, per
 * kill: from the SIGKILL until every phone (those on B all along and those that came back) holds the
 * version that change made. Each repetition starts two fresh nodes on the same database.
 */
import { now, sleep, until } from './lib/clock.js';
import type { Engines } from './lib/engines.js';
import { queueDriver } from './fanout.js';
import { histogram, merge, record, summarize, type Summary } from './lib/histogram.js';
import { moderatorOn, setUpRooms, startNodes, stopNodes, type Room, type Store } from './lib/nodes.js';
import { deal, spawnWorkers, stopWorkers } from './lib/workers.js';
import type { Child } from './lib/rpc.js';
import type { ClusterOptions } from './clusterOptions.js';
import type { Phone, RoomPhonesResult } from './clients/roomPhones.js';

export interface FailoverRun {
  /** Phones connected to the killed node (they reconnect to the other). */
  onKilled: number;
  /** From the SIGKILL until the moderator's change, sent through node B, was acknowledged. */
  moderatorBackMs: number;
  /** From the SIGKILL until the last phone held that change. */
  everyPhoneMs: number;
  /** Phones that never held it within a minute. */
  missing: number;
  reconnected: number;
}

export interface FailoverResult {
  phones: number;
  runs: FailoverRun[];
  /** Over the repetitions: the time until every phone held the change. */
  everyPhone: Summary;
  /** Over every phone of every repetition: the SIGKILL → this phone holding the change. */
  perPhone: Summary;
}

const RETRY_MIN_MS = 500;

const holding = async (workers: Child[], roundtableId: string, version: number) =>
  (await Promise.all(workers.map((w) => w.call<number>('holding', { roundtableId, version })))).reduce(
    (s, n) => s + n,
    0,
  );

async function once(room: Room, store: Store, workers: Child[], k: number, opts: ClusterOptions) {
  const [a, b] = await startNodes(2, store, opts.serverCpus);
  if (!a || !b) throw new Error('no nodes');
  try {
    const phones: Phone[] = room.people.map((p, j) =>
      j % 2 === 0
        ? { roundtableId: room.roundtableId, token: p.token, url: a.url, fallback: b.url }
        : { roundtableId: room.roundtableId, token: p.token, url: b.url },
    );
    const parts = deal(phones, workers.length);
    await Promise.all(
      workers.map((w, i) => w.call('connect', { phones: parts[i], concurrency: 20, timeoutMs: 60_000 })),
    );
    const n = room.people.length;
    const ids = room.people.slice(0, 20).map((p) => p.participantId);
    const mod = await moderatorOn(a.url, room);
    const before = await queueDriver(mod, ids)(2 * k);
    if (before === undefined) throw new Error('the change before the kill failed');
    if (!(await until(async () => (await holding(workers, room.roundtableId, before)) === n, 30_000)))
      throw new Error('phones did not all hold the version before the kill');
    await Promise.all(workers.map((w) => w.call('record')));

    const killedAt = now();
    a.child.process.kill('SIGKILL');
    await until(() => !mod.socket.connected, 10_000, 1);
    await sleep(RETRY_MIN_MS * (0.5 + Math.random() / 2));
    const back = await moderatorOn(b.url, room);
    const version = await queueDriver(back, ids)(2 * k + 1);
    const moderatorBackMs = now() - killedAt;
    if (version === undefined) throw new Error('the change after the kill failed');
    await until(async () => (await holding(workers, room.roundtableId, version)) === n, 60_000, 20);
    const sent = { [room.roundtableId]: [[version, killedAt]] };
    const results = await Promise.all(workers.map((w) => w.call<RoomPhonesResult>('collect', { sent })));
    await Promise.all(workers.map((w) => w.call('close')));
    mod.socket.close();
    back.socket.close();
    const latency = results.reduce((h, r) => merge(h, r.latency), histogram());
    const run: FailoverRun = {
      onKilled: phones.filter((p) => p.url === a.url).length,
      moderatorBackMs: Math.round(moderatorBackMs),
      everyPhoneMs: Math.round(latency.max),
      missing: results.reduce((s, r) => s + r.missing, 0),
      reconnected: results.reduce((s, r) => s + r.reconnected, 0),
    };
    return { run, latency };
  } finally {
    await stopNodes([a, b]);
  }
}

export async function failover(opts: ClusterOptions, engines: Engines): Promise<FailoverResult> {
  const store: Store = { kind: 'postgres', databaseUrl: engines.database(), redisUrl: engines.redisUrl };
  const [room] = await setUpRooms(store, 1, opts.failoverN, opts.serverCpus);
  if (!room) throw new Error('no roundtable');
  const workers = spawnWorkers('clients/roomPhones.ts', Math.max(2, Math.ceil(opts.failoverN / 1250)), opts.clientCpus);
  try {
    const runs: FailoverRun[] = [];
    const perPhone = histogram();
    const everyPhone = histogram();
    for (let k = 0; k < opts.failovers; k++) {
      const { run, latency } = await once(room, store, workers, k, opts);
      console.log(
        `  kill ${k + 1}: moderator back ${run.moderatorBackMs} ms, every phone ${run.everyPhoneMs} ms ` +
          `(${run.reconnected} of ${run.onKilled} came back, ${run.missing} missing)`,
      );
      runs.push(run);
      merge(perPhone, latency);
      record(everyPhone, run.everyPhoneMs);
    }
    return { phones: opts.failoverN, runs, everyPhone: summarize(everyPhone), perPhone: summarize(perPhone) };
  } finally {
    await stopWorkers(workers);
  }
}
