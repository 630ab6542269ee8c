/**
 * `pnpm bench`: the fan-out, co-editing and join-storm benchmarks against our server in its own
 * process on loopback, side by side with the raw `ws` floor and the reference y-websocket server,
 * Lighthouse's audit of the phone pages, and the bytes of each kind of patch on the wire.
 * Prints a table and writes bench/results/<date>-<name>.json. See docs/BENCHMARKS.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coedit, type CoeditResult } from './coedit.js';
import { fanout, type FanoutResult } from './fanout.js';
import { joinStorm, type JoinStormResult } from './joinstorm.js';
import { lighthouseAudit, type AuditFigures, type LighthouseResult } from './lighthouse.js';
import { patchBytes, type PatchBytesResult } from './patchbytes.js';
import { voteStorm, type VotesResult } from './votes.js';
import { cluster, type ClusterResult } from './cluster.js';
import { printCluster } from './clusterReport.js';
import { stopEngines } from './lib/engines.js';
import { machine, planCores } from './lib/machine.js';
import { benchFile, stopAll } from './lib/rpc.js';
import { removeDataDirs } from './lib/servers.js';
import { kb, ms, table, x } from './lib/table.js';

const HELP = `pnpm bench [-- options]
  --only fanout,coedit,joinstorm,lighthouse,patch-bytes,votes   which benchmarks (default: all six)
  --n 500,2000,5000                fan-out sizes (participants)
  --rate 5                         queue changes per second
  --duration 60                    seconds of fan-out and co-editing per measurement
  --writers 20 --edits 5           co-editing writers and edits per second each
  --storm 2000 --window 10         join storm: phones, and the seconds they join within
  --runs 5                         Lighthouse audits of each phone page
  --voters 200,2000                vote storm: phones voting in one poll at once
  --only cluster                   issue 17, not in the default run: nodes on PostgreSQL + Redis (TEST_DATABASE_URL,
                                   else its own cluster; Redis always its own unless --redis-url)
  --cluster-parts fanout,rooms,failover   which of its three parts
  --cluster-n 2000 --cluster-duration 20   fan-out across nodes: phones, seconds measured (at --rate)
  --rooms 100 --room-size 70       many rooms: roundtables × phones, 1 change/s each, --cluster-duration s
  --failovers 10 --failover-n 2000 failover: kills of the moderator's node, phones of the roundtable
  --redis-url URL                  a Redis for the nodes instead of one the benchmark starts
  --cpu-slowdown 4                 Lighthouse's CPU slowdown (its default 4 assumes a benchmark index ≥ 1000)
  --quick                          n=500, duration 10 s, storm 500, 3 audits (for iterating)
  --no-floor / --no-reference      skip the raw ws floor / the reference y-websocket server
  --raw-floor                      also run the floor with raw ws clients (lighter than socket.io-client)
  --follow-every                   every phone of ours applies each patch (default: one per client process)
  --no-pin                         do not pin the server to core 0 and clients to the others
  --profile                        write .cpuprofile files of the servers to bench/results/profiles/
  --name NAME                      results file bench/results/<date>-NAME.json (default: full or quick)`;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    only: { type: 'string', default: 'fanout,coedit,joinstorm,lighthouse,patch-bytes,votes' },
    voters: { type: 'string' },
    'cluster-parts': { type: 'string', default: 'fanout,rooms,failover' },
    'cluster-n': { type: 'string', default: '2000' },
    'cluster-duration': { type: 'string', default: '20' },
    rooms: { type: 'string', default: '100' },
    'room-size': { type: 'string', default: '70' },
    failovers: { type: 'string', default: '10' },
    'failover-n': { type: 'string', default: '2000' },
    'redis-url': { type: 'string' },
    n: { type: 'string' },
    rate: { type: 'string', default: '5' },
    duration: { type: 'string' },
    writers: { type: 'string', default: '20' },
    edits: { type: 'string', default: '5' },
    storm: { type: 'string' },
    window: { type: 'string', default: '10' },
    runs: { type: 'string' },
    'cpu-slowdown': { type: 'string', default: '4' },
    quick: { type: 'boolean', default: false },
    'no-floor': { type: 'boolean', default: false },
    'raw-floor': { type: 'boolean', default: false },
    'follow-every': { type: 'boolean', default: false },
    'no-reference': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    name: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const quick = values.quick;
const only = new Set(values.only.split(','));
const sizes = (values.n ?? (quick ? '500' : '500,2000,5000')).split(',').map(Number);
const durationMs = Number(values.duration ?? (quick ? 10 : 60)) * 1000;
const stormN = Number(values.storm ?? (quick ? 500 : 2000));
const audits = Number(values.runs ?? (quick ? 3 : 5));
const name = values.name ?? (quick ? 'quick' : 'full');
const profileDir = values.profile ? benchFile('results/profiles') : undefined;
if (profileDir) fs.mkdirSync(profileDir, { recursive: true });

const host = machine();
const cores = planCores(!values['no-pin']);
const common = { serverCpus: cores.server, clientCpus: cores.clients, profileDir };

async function main() {
  console.log(`Machine: ${host.cores} cores, ${host.cpu}, ${host.memoryGiB} GiB, Node ${host.node}`);
  console.log(`Cores: ${cores.description}`);
  const fanouts: FanoutResult[] = [];
  let co: CoeditResult | undefined;
  let storm: JoinStormResult | undefined;
  let lh: LighthouseResult | undefined;
  let bytes: PatchBytesResult | undefined;
  const votes: VotesResult[] = [];
  let clustered: ClusterResult | undefined;
  const started = Date.now();

  if (only.has('fanout')) {
    for (const n of sizes) {
      console.log(`\n▶ fan-out: ${n} participants, ${values.rate}/s for ${durationMs / 1000} s …`);
      let r: FanoutResult;
      try {
        r = await fanout({
          n,
          rate: Number(values.rate),
          durationMs,
          floor: !values['no-floor'],
          rawFloor: values['raw-floor'],
          followEvery: values['follow-every'],
          ...common,
        });
      } catch (error) {
        // One size failing (say, 5,000 on a smaller machine) must not lose the others' figures.
        console.error(`  fan-out at ${n} failed:`, error);
        continue;
      }
      fanouts.push(r);
      console.log(
        `  ${r.clientProcesses} client processes; joined in ${r.setupSeconds} s, connected in ${r.ours.connectSeconds} s; ` +
          `${r.ours.followers} phones applied every patch, asking for the whole state ${r.ours.syncs} times`,
      );
    }
    console.log('\n1. Queue fan-out: moderator command → participant receives the new state (ms)\n');
    const rows = fanouts.flatMap((r) => {
      const row = (label: string, s: FanoutResult['ours']) => [
        r.n,
        label,
        ms(s.latency.p50),
        ms(s.latency.p95),
        ms(s.latency.p99),
        ms(s.latency.max),
        `${s.missing}`,
        ms(s.cost.loopDelayP99Ms),
        s.cost.cpuCores.toFixed(2),
        kb(s.cost.idleRssPerConnKB * 1024),
        kb(s.cost.idleHeapPerConnKB * 1024),
        kb(s.cost.busyRssPerConnKB * 1024),
        kb(s.cost.busyHeapPerConnKB * 1024),
        `${s.payloadBytes} B`,
        s.clientCpuCores.toFixed(2),
      ];
      const out = [row('ours', r.ours)];
      if (r.floor) out.push(row('ws floor', r.floor), [r.n, 'ours/floor', x(r.ratio?.p50), '', x(r.ratio?.p99)]);
      if (r.rawFloor) out.push(row('ws floor, raw ws clients', r.rawFloor));
      return out;
    });
    console.log(
      table(
        [
          'N',
          'server',
          'p50',
          'p95',
          'p99',
          'max',
          'missed',
          'loop p99',
          'CPU',
          'RSS/conn idle',
          'heap/conn idle',
          'RSS/conn busy',
          'heap/conn busy',
          'payload',
          'client CPU',
        ],
        rows,
      ),
    );
  }

  if (only.has('coedit')) {
    const writers = Number(values.writers);
    console.log(`\n▶ co-editing: ${writers} writers × ${values.edits} edits/s for ${durationMs / 1000} s …`);
    co = await coedit({
      writers,
      rate: Number(values.edits),
      durationMs,
      reference: !values['no-reference'],
      ...common,
    });
    console.log('\n2. Co-editing: edit → arrival at every other writer (ms)\n');
    const row = (label: string, s: CoeditResult['ours']) => [
      label,
      s.edits,
      ms(s.latency.p50),
      ms(s.latency.p99),
      ms(s.latency.max),
      s.missing,
      s.converged ? `yes (${s.copies})` : 'NO',
      s.storedBytes === undefined ? 'memory' : `${kb(s.storedBytes)} in ${s.storedRows} rows`,
      kb(s.docBytes),
      ms(s.cost.loopDelayP99Ms),
      s.cost.cpuCores.toFixed(2),
    ];
    const rows = [row('ours', co.ours)];
    if (co.reference)
      rows.push(row('reference', co.reference), ['ours/reference', '', x(co.ratio?.p50), x(co.ratio?.p99)]);
    console.log(
      table(['server', 'edits', 'p50', 'p99', 'max', 'missed', 'identical', 'stored', 'doc', 'loop p99', 'CPU'], rows),
    );
  }

  if (only.has('joinstorm')) {
    console.log(`\n▶ join storm: ${stormN} phones within ${values.window} s …`);
    storm = await joinStorm({ n: stormN, windowMs: Number(values.window) * 1000, ...common });
    console.log('\n3. Join storm: join request → usable participant page (me + state received), ms\n');
    const errors =
      Object.entries(storm.errors)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ') || 'none';
    console.log(
      table(
        ['N', 'window', 'success', 'p50', 'p99', 'max', 'HTTP join p99', 'loop p99', 'CPU', 'errors'],
        [
          [
            storm.n,
            `${storm.windowS} s`,
            `${storm.successRate} %`,
            ms(storm.usable.p50),
            ms(storm.usable.p99),
            ms(storm.usable.max),
            ms(storm.joinHttp.p99),
            ms(storm.cost.loopDelayP99Ms),
            storm.cost.cpuCores.toFixed(2),
            errors,
          ],
        ],
      ),
    );
  }

  if (only.has('lighthouse')) {
    console.log(`\n▶ Lighthouse: the phone pages, ${audits} audits each …`);
    lh = await lighthouseAudit({
      runs: audits,
      cpuSlowdown: Number(values['cpu-slowdown']),
      serverCpus: cores.server,
      reportDir: benchFile('results/profiles'),
    });
    console.log(`\n4. Lighthouse, ${lh.settings}: median (min–max) of ${audits} runs\n`);
    const spread = (p: LighthouseResult['pages'][number], key: keyof AuditFigures, f: (v: number) => string) =>
      `${f(p.median[key])} (${f(p.min[key])}–${f(p.max[key])})`;
    const n0 = (v: number) => v.toFixed(0);
    const n2 = (v: number) => v.toFixed(2);
    console.log(
      table(
        [
          'page',
          'performance',
          'LCP ms',
          'TBT ms',
          'CLS',
          'FCP ms',
          'speed index',
          'a11y',
          'best pr.',
          'bench. index',
          'load',
        ],
        lh.pages.map((p) => [
          p.path,
          spread(p, 'performance', n2),
          spread(p, 'lcpMs', n0),
          spread(p, 'tbtMs', n0),
          spread(p, 'cls', (v) => v.toFixed(3)),
          spread(p, 'fcpMs', n0),
          spread(p, 'speedIndexMs', n0),
          spread(p, 'accessibility', n2),
          spread(p, 'bestPractices', n2),
          spread(p, 'benchmarkIndex', n0),
          spread(p, 'load', (v) => v.toFixed(1)),
        ]),
      ),
    );
    for (const p of lh.pages) {
      console.log(`  ${p.page}: LCP element ${p.lcpElement ?? '–'}`);
      for (const a of p.failing) console.log(`    ${a.id}: ${a.display ?? ''} (score ${a.score})`);
    }
    console.log('  Reports of the median runs: bench/results/profiles/lighthouse-*.html');
  }

  if (only.has('patch-bytes')) {
    console.log('\n▶ patch bytes: each common change once, on the Astana demo …');
    bytes = await patchBytes({ serverCpus: cores.server });
    console.log('\n5. Patch bytes: the whole Socket.IO frame each connection is sent per change (issue 14: ≤ 200)\n');
    console.log(
      table(
        ['change', 'phone', 'moderator'],
        bytes.changes.map((c) => [c.change, `${c.phone} B`, `${c.moderator} B`]),
      ),
    );
  }

  if (only.has('votes')) {
    for (const n of (values.voters ?? (quick ? '200' : '200,2000')).split(',').map(Number)) {
      console.log(`\n▶ vote storm: ${n} phones vote in one poll at once …`);
      votes.push(await voteStorm({ n, serverCpus: cores.server }));
    }
    console.log('\n6. Vote storm: every phone votes at once; ack, and all votes shown (ms)\n');
    console.log(
      table(
        ['N', 'accepted', 'exact', 'ack p50', 'ack p99', 'moderator shows all', 'every phone shows all'],
        votes.map((v) => [
          v.n,
          v.accepted,
          v.exact ? 'yes' : 'NO',
          ms(v.ack.p50),
          ms(v.ack.p99),
          ms(v.moderatorAllMs),
          ms(v.everyPhoneAllMs),
        ]),
      ),
    );
  }

  if (only.has('cluster')) {
    console.log('\n▶ cluster: nodes on one PostgreSQL and one Redis …');
    clustered = await cluster({
      parts: new Set(values['cluster-parts'].split(',')),
      n: Number(values['cluster-n']),
      rate: Number(values.rate),
      durationMs: Number(values['cluster-duration']) * 1000,
      rooms: Number(values.rooms),
      roomSize: Number(values['room-size']),
      failovers: Number(values.failovers),
      failoverN: Number(values['failover-n']),
      redisUrl: values['redis-url'],
      serverCpus: cores.server,
      clientCpus: cores.clients,
      profileDir,
    });
    printCluster(clustered);
  }

  const date = new Date().toISOString().slice(0, 10);
  const file = benchFile(`results/${date}-${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const options = {
    sizes,
    rate: Number(values.rate),
    durationS: durationMs / 1000,
    writers: Number(values.writers),
    edits: Number(values.edits),
    storm: stormN,
    windowS: Number(values.window),
    voters: values.voters ?? (quick ? '200' : '200,2000'),
    lighthouseRuns: audits,
    cpuSlowdown: Number(values['cpu-slowdown']),
  };
  const results = {
    name,
    date: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine: host,
    cores: cores.description,
    options,
    fanout: fanouts,
    coedit: co,
    joinStorm: storm,
    lighthouse: lh,
    patchBytes: bytes,
    votes,
    cluster: clustered,
  };
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nWrote ${path.relative(process.cwd(), file)} (${results.seconds} s)`);
}

const interrupted = () =>
  void stopAll().then(() => {
    removeDataDirs();
    stopEngines();
    process.exit(130);
  });
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => void stopAll().then(removeDataDirs));
