import type { ServerMetrics } from '../server/preload.js';

/** What a server cost: memory per connection (idle, after GC; busy, peak), event-loop delay, CPU. */
export interface ServerCost {
  idleRssPerConnKB: number;
  idleHeapPerConnKB: number;
  busyRssPerConnKB: number;
  busyHeapPerConnKB: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** CPU while measured, in cores (1 = one core fully busy). */
  cpuCores: number;
  idleRssMB: number;
  peakRssMB: number;
}

const KB = 1024;
const r1 = (v: number) => Math.round(v * 10) / 10;

export function serverCost(base: ServerMetrics, idle: ServerMetrics, busy: ServerMetrics, conns: number): ServerCost {
  const per = (v: number) => r1(v / Math.max(1, conns) / KB);
  return {
    idleRssPerConnKB: per(idle.rss - base.rss),
    idleHeapPerConnKB: per(idle.heapUsed - base.heapUsed),
    busyRssPerConnKB: per(busy.peakRss - base.rss),
    busyHeapPerConnKB: per(busy.peakHeapUsed - base.heapUsed),
    loopDelayP99Ms: busy.loopDelay.p99,
    loopDelayMaxMs: busy.loopDelay.max,
    cpuCores: Math.round(busy.cpuCores * 100) / 100,
    idleRssMB: r1(idle.rss / KB / KB),
    peakRssMB: r1(busy.peakRss / KB / KB),
  };
}

export const ratio = (ours: number, theirs: number): number =>
  theirs > 0 ? Math.round((ours / theirs) * 100) / 100 : NaN;
