/**
 * 1. Queue fan-out: N participants on one roundtable, a moderator changing the queue R times a
 * second; latency from the moderator's command to each participant's receipt of the new state.
 * Then the same N connections on the raw `ws` floor, with a payload of the same size.
 */
import fs from 'node:fs';
import WebSocket from 'ws';
import type { Command } from '@roundtable/shared';
import { command, connectSocket, createRoundtable, emitCommand, joinMany } from './lib/api.js';
import { now, sleep, until } from './lib/clock.js';
import { histogram, merge, summarize, type Summary } from './lib/histogram.js';
import { ratio, serverCost, type ServerCost } from './lib/report.js';
import { startFloor, startOurs, type ServerUnderTest } from './lib/servers.js';
import { deal, spawnWorkers, stopWorkers } from './lib/workers.js';
import type { Child } from './lib/rpc.js';
import type { CollectResult, ConnectParams, ConnectResult } from './clients/participants.js';

export interface FanoutOptions {
  n: number;
  rate: number;
  durationMs: number;
  floor: boolean;
  /** Also run the floor with raw `ws` clients instead of the same `socket.io-client`s. */
  rawFloor: boolean;
  /** Every phone of ours applies each patch (else one per client process does, and the rest note receipt). */
  followEvery: boolean;
  serverCpus: string | undefined;
  clientCpus: string | undefined;
  profileDir: string | undefined;
}

export interface FanoutSide {
  connected: number;
  connectErrors: Record<string, number>;
  connectSeconds: number;
  sent: number;
  sendErrors: number;
  payloadBytes: number;
  latency: Summary;
  missing: number;
  cost: ServerCost;
  /** CPU of all client processes together while measured, in cores: near 1 means the clients' core was the limit. */
  clientCpuCores: number;
  /** Phones that applied every patch to the state they hold, and the times one had to ask for the state. */
  followers: number;
  syncs: number;
}

export interface FanoutResult {
  n: number;
  rate: number;
  durationS: number;
  clientProcesses: number;
  setupSeconds: number;
  ours: FanoutSide;
  /** The floor server, sent to by the same `socket.io-client`s: the ratio is ours/this. */
  floor?: FanoutSide;
  /** The floor with raw `ws` clients: what a lighter client than `socket.io-client` receives in. */
  rawFloor?: FanoutSide;
  ratio?: { p50: number; p99: number };
}

export type Driver = (i: number) => Promise<number | undefined>;

/** Sends R changes a second on a fixed schedule (a slow ack delays the next one, never skips it). */
export async function drive(rate: number, durationMs: number, send: Driver) {
  const period = 1000 / rate;
  const start = now();
  const sent: [number, number][] = [];
  let errors = 0;
  for (let i = 0; i * period < durationMs; i++) {
    const wait = start + i * period - now();
    if (wait > 0) await sleep(wait);
    const at = now();
    const version = await send(i);
    if (version === undefined) errors++;
    else sent.push([version, at]);
  }
  return { sent, errors };
}

async function measure(
  server: ServerUnderTest,
  workers: Child[],
  connect: Omit<ConnectParams, 'tokens'>,
  tokens: string[],
  opts: FanoutOptions,
  moderator: () => Promise<{ driver: Driver; close: () => void }>,
): Promise<{ side: FanoutSide; sample: object | undefined }> {
  const base = await server.metrics(true);
  const t0 = now();
  const parts = deal(tokens, workers.length);
  const connected = await Promise.all(
    workers.map((w, i) => w.call<ConnectResult>('connect', { ...connect, tokens: parts[i] })),
  );
  const connectSeconds = (now() - t0) / 1000;
  const connectErrors: Record<string, number> = {};
  for (const c of connected)
    for (const [k, v] of Object.entries(c.errors)) connectErrors[k] = (connectErrors[k] ?? 0) + v;
  const mod = await moderator();
  await sleep(2000);
  const idle = await server.metrics(true);
  await Promise.all(workers.map((w) => w.call('record')));
  await server.resetMetrics();
  const { sent, errors } = await drive(opts.rate, opts.durationMs, mod.driver);
  await sleep(1000);
  const busy = await server.metrics(false);
  const results = await Promise.all(workers.map((w) => w.call<CollectResult>('collect', { sent })));
  const payloads = await Promise.all(workers.map((w) => w.call<{ bytes: number; sample?: object }>('payload')));
  await Promise.all(workers.map((w) => w.call('close')));
  mod.close();
  const latency = results.reduce((h, r) => merge(h, r.latency), histogram());
  const worst = sent.map((_, k) => Math.round(Math.max(...results.map((r) => r.worst[k] ?? 0))));
  if (process.env.BENCH_DEBUG) console.log(`  slowest receipt per change (ms): ${worst.join(' ')}`);
  const count = connected.reduce((s, c) => s + c.connected, 0);
  const side: FanoutSide = {
    connected: count,
    connectErrors,
    connectSeconds: Math.round(connectSeconds * 10) / 10,
    sent: sent.length,
    sendErrors: errors,
    payloadBytes: Math.max(...payloads.map((p) => p.bytes)),
    latency: summarize(latency),
    missing: results.reduce((s, r) => s + r.missing, 0),
    cost: serverCost(base, idle, busy, count),
    clientCpuCores: Math.round(results.reduce((s, r) => s + r.cpuCores, 0) * 100) / 100,
    followers: results.reduce((s, r) => s + r.followers, 0),
    syncs: results.reduce((s, r) => s + r.syncs, 0),
  };
  return { side, sample: payloads.find((p) => p.sample)?.sample };
}

/** The i-th change: a request added for one of `ids`, or (ten waiting) the first withdrawn; the acked version. */
export function queueDriver(mod: ReturnType<typeof connectSocket>, ids: string[]): Driver {
  return async (i) => {
    const state = mod.latest;
    if (!state) return undefined;
    const first = state.queue.requests[0];
    // Someone not waiting already: a driver may take over a queue another one left (the cluster's runs).
    const waiting = new Set(state.queue.requests.map((r) => r.participantId));
    const who = ids.map((_, k) => ids[(i + k) % ids.length] ?? '').find((id) => !waiting.has(id)) ?? '';
    const cmd: Command =
      state.queue.requests.length < 10 || !first
        ? { type: 'queue.add', participantId: who, kind: 'speech', topic: `Point ${i}` }
        : { type: 'queue.withdraw', requestId: first.id };
    const ack = await emitCommand(mod.socket, state.version, cmd);
    if (!ack.ok && process.env.BENCH_DEBUG) console.log(`  ${cmd.type} refused: ${JSON.stringify(ack)}`);
    return ack.ok ? ack.version : undefined;
  };
}

/** Our server: create, join N by HTTP, start the item; the moderator adds and withdraws requests. */
async function ours(opts: FanoutOptions, workers: Child[]) {
  const setup = await startOurs({ cpus: opts.serverCpus, keepData: true });
  const t0 = now();
  let rt, people;
  try {
    rt = await createRoundtable(setup.url);
    people = await joinMany(setup.url, rt.joinCode, opts.n);
  } catch (error) {
    await setup.stop();
    if (setup.dataDir) fs.rmSync(setup.dataDir, { recursive: true, force: true });
    throw error;
  }
  const setupSeconds = (now() - t0) / 1000;
  // A fresh process on the same data: the joins' garbage must not hide what connections cost.
  await setup.stop();
  const server = await startOurs({ cpus: opts.serverCpus, profileDir: opts.profileDir, dataDir: setup.dataDir });
  try {
    const ids = people.slice(0, 50).map((p) => p.participantId);
    const moderator = async () => {
      const mod = connectSocket(server.url, rt.roundtableId, rt.moderatorSecret);
      await until(() => mod.latest !== undefined, 30_000);
      const item = mod.latest?.agenda[0];
      if (!item) throw new Error('no agenda item');
      await command(server.url, rt.roundtableId, rt.moderatorSecret, { type: 'agenda.start', itemId: item.id }, 0);
      await until(() => mod.latest?.currentItemId === item.id, 10_000);
      return { driver: queueDriver(mod, ids), close: () => mod.socket.close() };
    };
    const { side, sample } = await measure(
      server,
      workers,
      {
        mode: 'socketio',
        follow: opts.followEvery ? 'every' : 'one',
        url: server.url,
        roundtableId: rt.roundtableId,
        concurrency: 20,
        timeoutMs: 60_000,
      },
      people.map((p) => p.token),
      opts,
      moderator,
    );
    return { side, sample, setupSeconds };
  } finally {
    await server.stop();
  }
}

/** The floor: the same number of connections on a raw `ws` broadcaster, each change the same bytes as ours. */
async function floor(opts: FanoutOptions, workers: Child[], template: object | undefined, clients: 'socketio' | 'ws') {
  const server = await startFloor({ cpus: opts.serverCpus, profileDir: opts.profileDir });
  try {
    const url = server.url.replace('http', 'ws');
    const moderator = async () => {
      const ws = new WebSocket(`${url}/moderator`);
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ template }));
      const driver: Driver = async (i) => {
        ws.send(JSON.stringify({ v: i + 1 }));
        return i + 1;
      };
      return { driver, close: () => ws.close() };
    };
    const tokens = Array.from({ length: opts.n }, () => '');
    const { side } = await measure(
      server,
      workers,
      clients === 'ws'
        ? { mode: 'ws', url, concurrency: 20, timeoutMs: 60_000 }
        : { mode: 'socketio-floor', url: server.url, concurrency: 20, timeoutMs: 60_000 },
      tokens,
      opts,
      moderator,
    );
    return side;
  } finally {
    await server.stop();
  }
}

export async function fanout(opts: FanoutOptions): Promise<FanoutResult> {
  const processes = Math.max(2, Math.ceil(opts.n / 1250));
  const workers = spawnWorkers('clients/participants.ts', processes, opts.clientCpus);
  try {
    const { side, sample, setupSeconds } = await ours(opts, workers);
    const result: FanoutResult = {
      n: opts.n,
      rate: opts.rate,
      durationS: opts.durationMs / 1000,
      clientProcesses: processes,
      setupSeconds: Math.round(setupSeconds * 10) / 10,
      ours: side,
    };
    if (opts.floor) {
      const f = await floor(opts, workers, sample, 'socketio');
      result.floor = f;
      if (opts.rawFloor) result.rawFloor = await floor(opts, workers, sample, 'ws');
      result.ratio = { p50: ratio(side.latency.p50, f.latency.p50), p99: ratio(side.latency.p99, f.latency.p99) };
    }
    return result;
  } finally {
    await stopWorkers(workers);
  }
}
