/**
 * 3. Join storm: N phones join one roundtable within a window (default 10 s), with the moderator's
 * console connected; success rate, time to a usable participant page (joined, `me` and `state`
 * received), errors by kind.
 */
import { connectSocket, createRoundtable } from './lib/api.js';
import { now, sleep, until } from './lib/clock.js';
import { histogram, merge, summarize, type Summary } from './lib/histogram.js';
import { serverCost, type ServerCost } from './lib/report.js';
import { startOurs } from './lib/servers.js';
import { deal, spawnWorkers, stopWorkers } from './lib/workers.js';
import type { StormResult } from './clients/joiners.js';

export interface StormOptions {
  n: number;
  windowMs: number;
  serverCpus: string | undefined;
  clientCpus: string | undefined;
  profileDir: string | undefined;
}

export interface JoinStormResult {
  n: number;
  windowS: number;
  clientProcesses: number;
  succeeded: number;
  successRate: number;
  usable: Summary;
  joinHttp: Summary;
  errors: Record<string, number>;
  /** Whether the moderator's console ended up with every participant. */
  moderatorSawAll: boolean;
  cost: ServerCost;
}

export async function joinStorm(opts: StormOptions): Promise<JoinStormResult> {
  const server = await startOurs({ cpus: opts.serverCpus, profileDir: opts.profileDir });
  const processes = Math.max(2, Math.ceil(opts.n / 1250));
  const workers = spawnWorkers('clients/joiners.ts', processes, opts.clientCpus);
  try {
    const rt = await createRoundtable(server.url);
    const mod = connectSocket(server.url, rt.roundtableId, rt.moderatorSecret);
    await until(() => mod.latest !== undefined, 10_000);
    const base = await server.metrics(true);
    await server.resetMetrics();
    const indices = deal(
      Array.from({ length: opts.n }, (_, i) => i),
      processes,
    );
    const startAt = now() + 500;
    const results = await Promise.all(
      workers.map((w, k) =>
        w.call<StormResult>('storm', {
          url: server.url,
          code: rt.joinCode,
          roundtableId: rt.roundtableId,
          indices: indices[k],
          total: opts.n,
          startAt,
          windowMs: opts.windowMs,
          timeoutMs: 60_000,
        }),
      ),
    );
    const busy = await server.metrics(false);
    const moderatorSawAll = await until(() => (mod.latest?.participants.length ?? 0) >= opts.n, 10_000);
    await sleep(1000);
    const idle = await server.metrics(true);
    await Promise.all(workers.map((w) => w.call('close')));
    mod.socket.close();
    const errors: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    const succeeded = results.reduce((s, r) => s + r.ok, 0);
    return {
      n: opts.n,
      windowS: opts.windowMs / 1000,
      clientProcesses: processes,
      succeeded,
      successRate: Math.round((succeeded / opts.n) * 10000) / 100,
      usable: summarize(results.reduce((h, r) => merge(h, r.usable), histogram())),
      joinHttp: summarize(results.reduce((h, r) => merge(h, r.joinHttp), histogram())),
      errors,
      moderatorSawAll,
      cost: serverCost(base, idle, busy, succeeded),
    };
  } finally {
    await stopWorkers(workers);
    await server.stop();
  }
}
