import type { ServerCost } from './lib/report.js';

/** What `pnpm bench --only cluster` was asked to measure (run.ts), shared by its three parts. */
export interface ClusterOptions {
  parts: Set<string>;
  /** Fan-out: phones, changes per second, seconds measured. */
  n: number;
  rate: number;
  durationMs: number;
  rooms: number;
  roomSize: number;
  failovers: number;
  failoverN: number;
  /** A Redis to use instead of one of the benchmark's own. */
  redisUrl: string | undefined;
  serverCpus: string | undefined;
  clientCpus: string | undefined;
  /** --profile: the measured nodes write .cpuprofile files here (under ours/). */
  profileDir: string | undefined;
}

export interface NodeFigures {
  connections: number;
  cost: ServerCost;
}
