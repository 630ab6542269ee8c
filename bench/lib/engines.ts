import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { benchFile } from './rpc.js';

/**
 * PostgreSQL and Redis for the cluster benchmark (issue 17): a fresh database on the throwaway cluster of
 * TEST_DATABASE_URL (or one started with scripts/postgres.sh), and a Redis of the benchmark's own.
 */
export interface Engines {
  redisUrl: string;
  /** A new empty database; dropped by stop(). */
  database(): string;
  stop(): void;
}

const script = (name: string, ...args: string[]) =>
  execFileSync('bash', [benchFile(`../scripts/${name}`), ...args], { encoding: 'utf8' }).trim();
const psql = (url: string, statement: string) =>
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', statement], { stdio: ['ignore', 'ignore', 'inherit'] });

const live = new Set<Engines>();
/** For an interrupted run: whatever was started is stopped. */
export function stopEngines(): void {
  for (const engines of live) engines.stop();
}

/**
 * Redis is always the benchmark's own, even when TEST_REDIS_URL is set: nodes talk through Redis pub/sub
 * (serverSideEmit) on one channel whatever the database number, so nodes of tests running on the shared one
 * would hear this run's messages, and it theirs.
 */
export function startEngines(redisUrl: string | undefined): Engines {
  const ownPostgres = !process.env.TEST_DATABASE_URL;
  const admin = process.env.TEST_DATABASE_URL ?? script('postgres.sh', 'start');
  const ownRedis = redisUrl === undefined;
  let redis: string;
  try {
    redis = redisUrl ?? script('redis.sh', 'start');
  } catch (error) {
    if (ownPostgres) script('postgres.sh', 'stop', admin);
    throw error;
  }
  const databases: string[] = [];
  const engines: Engines = {
    redisUrl: redis,
    database() {
      const name = `roundtable_bench_${randomBytes(6).toString('hex')}`;
      psql(admin, `CREATE DATABASE ${name}`);
      databases.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop() {
      if (!live.delete(engines)) return;
      for (const name of databases.splice(0)) psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      if (ownRedis) script('redis.sh', 'stop', redis);
      if (ownPostgres) script('postgres.sh', 'stop', admin);
    },
  };
  live.add(engines);
  return engines;
}
