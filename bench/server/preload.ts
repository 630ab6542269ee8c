/**
 * Loaded into a server under test with --import (ours, the reference, the floor): reports the
 * event-loop delay, CPU and memory to the benchmark over the IPC channel. The server's own code
 * is untouched; nothing here is reachable from the network.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serve } from '../lib/rpc.js';

export interface ServerMetrics {
  /** Event-loop delay since the last reset, ms. */
  loopDelay: { p50: number; p99: number; max: number };
  /** CPU time (user + system) over wall time since the last reset: 1 = one core busy. */
  cpuCores: number;
  rss: number;
  heapUsed: number;
  external: number;
  /** Highest RSS and heap seen (sampled every 100 ms) since the last reset. */
  peakRss: number;
  peakHeapUsed: number;
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpuStart = process.cpuUsage();
let wallStart = performance.now();
let peakRss = 0;
let peakHeapUsed = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
}, 100);
sampler.unref();

const collect = () => (globalThis as { gc?: () => void }).gc?.();

serve({
  'metrics.reset': () => {
    loop.reset();
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
    peakRss = 0;
    peakHeapUsed = 0;
  },
  'metrics.read': ({ gc }: { gc?: boolean }): ServerMetrics => {
    if (gc) {
      collect();
      collect();
    }
    const cpu = process.cpuUsage(cpuStart);
    const m = process.memoryUsage();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    return {
      loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      cpuCores: (cpu.user + cpu.system) / 1000 / (performance.now() - wallStart),
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      peakRss: Math.max(peakRss, m.rss),
      peakHeapUsed: Math.max(peakHeapUsed, m.heapUsed),
    };
  },
});
