/**
 * Latencies in 0.1 ms buckets (exact max kept aside). Plain data, so workers can send one over IPC
 * and the orchestrator can merge them; percentiles report a bucket's upper edge.
 */
export interface Histogram {
  buckets: Record<number, number>;
  count: number;
  max: number;
  sum: number;
}

const RESOLUTION = 10; // buckets per millisecond

export const histogram = (): Histogram => ({ buckets: {}, count: 0, max: 0, sum: 0 });

export function record(h: Histogram, ms: number): void {
  const v = Math.max(0, ms);
  const b = Math.floor(v * RESOLUTION);
  h.buckets[b] = (h.buckets[b] ?? 0) + 1;
  h.count += 1;
  h.sum += v;
  if (v > h.max) h.max = v;
}

export function merge(into: Histogram, from: Histogram): Histogram {
  for (const [b, n] of Object.entries(from.buckets)) into.buckets[Number(b)] = (into.buckets[Number(b)] ?? 0) + n;
  into.count += from.count;
  into.sum += from.sum;
  into.max = Math.max(into.max, from.max);
  return into;
}

export function percentile(h: Histogram, p: number): number {
  if (h.count === 0) return NaN;
  const rank = Math.ceil((p / 100) * h.count);
  let seen = 0;
  for (const b of Object.keys(h.buckets)
    .map(Number)
    .sort((a, z) => a - z)) {
    seen += h.buckets[b] ?? 0;
    if (seen >= rank) return Math.min((b + 1) / RESOLUTION, h.max);
  }
  return h.max;
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(h: Histogram): Summary {
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    count: h.count,
    p50: r(percentile(h, 50)),
    p95: r(percentile(h, 95)),
    p99: r(percentile(h, 99)),
    max: r(h.max),
    mean: r(h.count ? h.sum / h.count : NaN),
  };
}
