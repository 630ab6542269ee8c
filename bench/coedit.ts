/**
 * 2. Co-editing: K writers on one outcome document, each making `rate` edits a second, over the
 * y-websocket protocol; time from an edit to its arrival at every other writer; convergence; bytes
 * stored. Then the same workload on the plain reference server (@y/websocket-server, in memory).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { command, createRoundtable } from './lib/api.js';
import { sleep, until } from './lib/clock.js';
import { histogram, record, summarize, type Summary } from './lib/histogram.js';
import { ratio, serverCost, type ServerCost } from './lib/report.js';
import { startOurs, startReference, type ServerUnderTest } from './lib/servers.js';
import { deal, spawnWorkers, stopWorkers } from './lib/workers.js';
import type { WriterReport } from './clients/writers.js';

export interface CoeditOptions {
  writers: number;
  rate: number;
  durationMs: number;
  reference: boolean;
  serverCpus: string | undefined;
  clientCpus: string | undefined;
  profileDir: string | undefined;
}

export interface CoeditSide {
  edits: number;
  latency: Summary;
  /** (edit, other writer) pairs that never arrived. */
  missing: number;
  converged: boolean;
  copies: number;
  /** Size of the document encoded as one update, as every writer holds it. */
  docBytes: number;
  /** What the server keeps on disk for it (sum of stored updates), and the database files. */
  storedBytes?: number;
  dbFileBytes?: number;
  storedRows?: number;
  cost: ServerCost;
}

export interface CoeditResult {
  writers: number;
  rate: number;
  durationS: number;
  clientProcesses: number;
  ours: CoeditSide;
  reference?: CoeditSide;
  ratio?: { p50: number; p99: number };
}

function latencies(reports: WriterReport[]) {
  const h = histogram();
  let missing = 0;
  for (const author of reports) {
    for (const reader of reports) {
      if (reader === author) continue;
      const seen = reader.seen.find(([client]) => client === author.clientId)?.[1] ?? [];
      let j = 0;
      for (const [clock, at] of author.edits) {
        while (j < seen.length && (seen[j]?.[0] ?? 0) < clock) j++;
        const arrived = seen[j]?.[1];
        if (arrived === undefined) missing++;
        else record(h, arrived - at);
      }
    }
  }
  return { h, missing };
}

async function measure(
  server: ServerUnderTest,
  opts: CoeditOptions,
  serverUrl: string,
  room: string,
  keys: (string | null)[],
) {
  const processes = 2;
  const workers = spawnWorkers('clients/writers.ts', processes, opts.clientCpus);
  try {
    const base = await server.metrics(true);
    await Promise.all(deal(keys, processes).map((k, i) => workers[i]?.call('open', { serverUrl, room, keys: k })));
    const idle = await server.metrics(true);
    await server.resetMetrics();
    await Promise.all(workers.map((w) => w.call('run', { rate: opts.rate, durationMs: opts.durationMs })));
    const busy = await server.metrics(false);
    const vectors = async () => (await Promise.all(workers.map((w) => w.call<string[]>('stateVectors')))).flat();
    await until(async () => new Set(await vectors()).size === 1, 15_000, 100);
    const reports = (await Promise.all(workers.map((w) => w.call<WriterReport[]>('report')))).flat();
    await Promise.all(workers.map((w) => w.call('close')));
    const { h, missing } = latencies(reports);
    const side: CoeditSide = {
      edits: reports.reduce((s, r) => s + r.edits.length, 0),
      latency: summarize(h),
      missing,
      converged: new Set(reports.map((r) => r.digest)).size === 1,
      copies: reports.length,
      docBytes: reports[0]?.docBytes ?? 0,
      cost: serverCost(base, idle, busy, keys.length),
    };
    return side;
  } finally {
    await stopWorkers(workers);
  }
}

/** What our server stored for the document, read from its database after it stopped. */
function stored(dataDir: string, roundtableId: string) {
  const file = path.join(dataDir, 'roundtable.db');
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare<[string], { bytes: number; rows: number }>(
        'SELECT COALESCE(SUM(LENGTH(data)), 0) AS bytes, COUNT(*) AS rows FROM doc_updates WHERE roundtable_id = ?',
      )
      .get(roundtableId);
    const files = ['', '-wal'].reduce(
      (s, suffix) => s + (fs.statSync(file + suffix, { throwIfNoEntry: false })?.size ?? 0),
      0,
    );
    return { storedBytes: row?.bytes ?? 0, storedRows: row?.rows ?? 0, dbFileBytes: files };
  } finally {
    db.close();
  }
}

async function ours(opts: CoeditOptions): Promise<CoeditSide> {
  const server = await startOurs({ cpus: opts.serverCpus, profileDir: opts.profileDir });
  let side: CoeditSide | undefined;
  let roundtableId = '';
  try {
    const rt = await createRoundtable(server.url);
    roundtableId = rt.roundtableId;
    // Each writer is a rapporteur with a link of their own, checked by can() at the upgrade.
    const keys: string[] = [];
    for (let i = 0; i < opts.writers; i++) {
      const ack = await command(
        server.url,
        rt.roundtableId,
        rt.moderatorSecret,
        { type: 'link.create', role: 'rapporteur', label: `Rapporteur ${i + 1}` },
        1 + i,
      );
      keys.push(String(ack.result?.secret));
    }
    side = await measure(server, opts, `${server.url.replace('http', 'ws')}/yjs`, rt.roundtableId, keys);
  } finally {
    const dataDir = server.dataDir;
    await server.child.stop();
    if (side && dataDir) Object.assign(side, stored(dataDir, roundtableId));
    await server.stop();
  }
  return side;
}

async function reference(opts: CoeditOptions): Promise<CoeditSide> {
  const server = await startReference({ cpus: opts.serverCpus, profileDir: opts.profileDir });
  try {
    const keys = Array.from({ length: opts.writers }, () => null);
    return await measure(server, opts, server.url.replace('http', 'ws'), 'bench', keys);
  } finally {
    await server.stop();
  }
}

export async function coedit(opts: CoeditOptions): Promise<CoeditResult> {
  const o = await ours(opts);
  await sleep(500);
  const result: CoeditResult = {
    writers: opts.writers,
    rate: opts.rate,
    durationS: opts.durationMs / 1000,
    clientProcesses: 2,
    ours: o,
  };
  if (opts.reference) {
    const r = await reference(opts);
    result.reference = r;
    result.ratio = { p50: ratio(o.latency.p50, r.latency.p50), p99: ratio(o.latency.p99, r.latency.p99) };
  }
  return result;
}
