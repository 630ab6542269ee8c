import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
import { expect } from 'vitest';
import { viewFor, type Audience, type StateView } from '@roundtable/shared';
import { openPostgresStore, type Store } from '@roundtable/server';
import { freshDatabase, type TestDatabase } from '../../server/test/support/postgres.js';
import type { TestSocket } from './clients.js';
import { freePort, startProcess, type ServerProcess } from './process.js';
import { sharedRedisUrl } from './redisUrl.js';

const run = promisify(execFile);
const redisScript = fileURLToPath(new URL('../../scripts/redis.sh', import.meta.url));

/** Limits a room of real people never reaches, but forty phones joining from one test address in a second do. */
/** The operator's key on every node of a test cluster (the operator API archives and deletes). */
export const CLUSTER_OPERATOR_KEY = 'operator-key-of-the-cluster-tests';

const NODE_ENV = {
  COMMAND_RATE_LIMIT: '100000',
  JOIN_RATE_LIMIT: '100000',
  CREATE_RATE_LIMIT: '100000',
  PENDING_CONNECTIONS_PER_ADDRESS: '10000',
  OPERATOR_KEY: CLUSTER_OPERATOR_KEY,
};

/** One server process of the cluster, on a port it keeps across restarts (as a node behind a proxy would). */
export interface ClusterNode {
  url: string;
  process: ServerProcess;
  /** Sends `signal` and waits for the process to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port, database and Redis. */
  restart(): Promise<void>;
}

export interface TestCluster {
  db: TestDatabase;
  nodes: ClusterNode[];
  /** The test's own connection to the cluster's PostgreSQL: what is stored, read without any node. */
  store: Store;
  /** Starts one more node on the same database and Redis. */
  add(): Promise<ClusterNode>;
  /** The roundtable as the store holds it now, seen by `audience`. */
  stored(roundtableId: string, audience: Audience): Promise<StateView>;
  stop(): Promise<void>;
}

/** A Redis of the test's own (scripts/redis.sh), which it may stop and start again on the same port. */
export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const url = (await run('bash', [redisScript, 'start'])).stdout.trim();
  const port = new URL(url).port;
  let running = true;
  return {
    url,
    async stop() {
      if (!running) return;
      running = false;
      await run('bash', [redisScript, 'stop', url]);
    },
    async start() {
      await run('bash', [redisScript, 'start'], { env: { ...process.env, REDIS_PORT: port } });
      running = true;
    },
  };
}

const exited = (child: ServerProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * `count` real server processes on one fresh PostgreSQL database and one Redis (default: the shared one);
 * `redisUrl` may name each node's way to it (the n-th node started), e.g. through a link a test can cut.
 */
export async function startCluster(
  count: number,
  redisUrl: string | ((node: number) => string) = sharedRedisUrl(),
): Promise<TestCluster> {
  const db = await freshDatabase();
  let started = 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-cluster-'));
  const nodes: ClusterNode[] = [];
  const add = async (): Promise<ClusterNode> => {
    const index = started++;
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(dataDir, 'node-'));
    const redis = typeof redisUrl === 'string' ? redisUrl : redisUrl(index);
    const env = { ...NODE_ENV, DATABASE_URL: db.url, REDIS_URL: redis };
    const node: ClusterNode = {
      url: `http://127.0.0.1:${port}`,
      process: await startProcess(port, dir, env),
      async kill(signal = 'SIGKILL') {
        const gone = exited(node.process);
        node.process.kill(signal);
        await gone;
      },
      async restart() {
        node.process = await startProcess(port, dir, env);
      },
    };
    nodes.push(node);
    return node;
  };
  // The first runs the migrations alone; the others start together, as nodes behind a proxy would.
  const store = await (async () => {
    try {
      await add();
      await Promise.all(Array.from({ length: count - 1 }, add));
      return await openPostgresStore(db.url);
    } catch (error) {
      await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
      await db.drop();
      throw error;
    }
  })();
  return {
    db,
    nodes,
    store,
    add,
    async stored(roundtableId, audience) {
      const state = await store.load(roundtableId);
      if (!state) throw new Error(`${roundtableId} is not in the store`);
      return viewFor(state, audience);
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
      await store.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Equal as the wire carries them: key order and keys left undefined do not count. */
const same = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));

const audienceOf = (socket: TestSocket): Audience => (socket.me?.role === 'moderator' ? 'moderator' : 'public');

/**
 * Waits until every socket holds exactly what the store holds, as its audience sees it, and every node
 * answers `GET /api/roundtables/:id` with it too; returns the stored version.
 */
export async function converged(
  cluster: TestCluster,
  roundtableId: string,
  sockets: TestSocket[],
  readKey: string,
  timeout = 20_000,
): Promise<number> {
  const nodes = cluster.nodes.filter((n) => n.process.exitCode === null && n.process.signalCode === null);
  const behind = async (): Promise<string[]> => {
    const views = { moderator: await cluster.stored(roundtableId, 'moderator') };
    const late: string[] = [];
    for (const [i, socket] of sockets.entries()) {
      const audience = audienceOf(socket);
      const want = audience === 'moderator' ? views.moderator : await cluster.stored(roundtableId, audience);
      if (!same(socket.latest, want)) late.push(`socket ${i} at ${socket.latest?.version} of ${want.version}`);
    }
    for (const node of nodes) {
      const res = await fetch(`${node.url}/api/roundtables/${roundtableId}`, {
        headers: { authorization: `Bearer ${readKey}` },
      });
      const served = (await res.json()) as StateView;
      if (!same(served, views.moderator))
        late.push(`${node.url} serves ${served.version} of ${views.moderator.version}`);
    }
    return late;
  };
  await expect.poll(behind, { timeout, interval: 100 }).toEqual([]);
  return (await cluster.stored(roundtableId, 'moderator')).version;
}
