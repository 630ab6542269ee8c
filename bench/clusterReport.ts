import type { ClusterResult } from './cluster.js';
import type { NodeFigures } from './clusterOptions.js';
import { kb, ms, table, x } from './lib/table.js';

const perNode = (nodes: NodeFigures[], f: (n: NodeFigures) => string) => nodes.map(f).join(' / ');
const cpu = (nodes: NodeFigures[]) => perNode(nodes, (n) => n.cost.cpuCores.toFixed(2));
const rss = (nodes: NodeFigures[]) => perNode(nodes, (n) => kb(n.cost.idleRssPerConnKB * 1024));
const heap = (nodes: NodeFigures[]) => perNode(nodes, (n) => kb(n.cost.idleHeapPerConnKB * 1024));
const loop = (nodes: NodeFigures[]) => perNode(nodes, (n) => ms(n.cost.loopDelayP99Ms));
const conns = (nodes: NodeFigures[]) => perNode(nodes, (n) => String(n.connections));

/** The cluster benchmark's tables (issue 17); figures per node are "node A / node B". */
export function printCluster(r: ClusterResult): void {
  if (r.fanout) {
    const f = r.fanout;
    console.log(`\n7a. Fan-out across nodes: ${f.n} phones, ${f.rate} changes/s for ${f.durationS} s (ms)\n`);
    const rows = f.sides.map((s) => [
      s.label,
      conns(s.nodes),
      ms(s.latency.p50),
      ms(s.latency.p95),
      ms(s.latency.p99),
      ms(s.latency.max),
      s.missing,
      loop(s.nodes),
      cpu(s.nodes),
      rss(s.nodes),
      heap(s.nodes),
      s.clientCpuCores.toFixed(2),
    ]);
    rows.push(['2 nodes / 1 node', '', x(f.ratio.p50), '', x(f.ratio.p99)]);
    const head = ['nodes', 'phones', 'p50', 'p95', 'p99', 'max', 'missed', 'loop p99', 'CPU', 'RSS/conn', 'heap/conn'];
    console.log(table([...head, 'client CPU'], rows));
  }
  if (r.rooms) {
    const m = r.rooms;
    console.log(
      `\n7b. Many rooms: ${m.rooms} × ${m.roomSize} phones, 1 change/s each for ${m.durationS} s ` +
        `(set up in ${m.setupSeconds} s; ${m.clientProcesses} client processes), ms\n`,
    );
    console.log(
      table(
        [
          'nodes',
          'connected',
          'changes',
          'p50',
          'p95',
          'p99',
          'max',
          'missed',
          'ack p50',
          'ack p99',
          'loop p99',
          'CPU',
        ],
        m.sides.map((s) => [
          s.nodes,
          `${s.connected} in ${s.connectSeconds} s`,
          `${s.sent}${s.sendErrors ? ` (${s.sendErrors} failed)` : ''}`,
          ms(s.latency.p50),
          ms(s.latency.p95),
          ms(s.latency.p99),
          ms(s.latency.max),
          s.missing,
          ms(s.ack.p50),
          ms(s.ack.p99),
          loop(s.perNode),
          cpu(s.perNode),
        ]),
      ),
    );
    for (const s of m.sides) {
      const each = `RSS/conn ${rss(s.perNode)}, client CPU ${s.clientCpuCores.toFixed(2)}`;
      console.log(`  ${s.nodes} node(s): ${perNode(s.perNode, (n) => String(n.connections))} phones, ${each}`);
    }
    for (const s of m.sides)
      if (Object.keys(s.connectErrors).length) console.log(`  ${s.nodes} node(s), connect errors:`, s.connectErrors);
  }
  if (r.failover) {
    const o = r.failover;
    console.log(
      `\n7c. Failover: SIGKILL of the moderator's node → every one of ${o.phones} phones holds the next change\n`,
    );
    console.log(
      table(
        [
          'kills',
          'every phone p50',
          'p99',
          'max',
          'per phone p50',
          'per phone p99',
          'moderator back (each)',
          'missing',
        ],
        [
          [
            o.runs.length,
            ms(o.everyPhone.p50),
            ms(o.everyPhone.p99),
            ms(o.everyPhone.max),
            ms(o.perPhone.p50),
            ms(o.perPhone.p99),
            o.runs.map((run) => run.moderatorBackMs).join(', '),
            o.runs.reduce((s, run) => s + run.missing, 0),
          ],
        ],
      ),
    );
  }
}
