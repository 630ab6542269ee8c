import { createClient } from '@redis/client';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';

/** How long the first connection may take before the server gives up and says why. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Between attempts to reach Redis again; a node keeps serving its own clients meanwhile. */
const RETRY_MS = 500;

/** The Redis that nodes share their messages through: Socket.IO's adapter, a readiness check, and its returns. */
export interface RedisConnection {
  /** For Socket.IO's `adapter` option: rooms and server-side messages across every node. */
  adapter: ReturnType<typeof createAdapter>;
  ping(): Promise<void>;
  /** Called each time Redis is reached again after it was lost: what was sent meanwhile may be missing. */
  onResumed(listener: () => void): void;
  close(): Promise<void>;
}

export class RedisUnreachable extends Error {}

/**
 * Connects to Redis, once, before the node serves anything. Afterwards a lost connection is retried for
 * ever: the node goes on serving its own clients, /readyz says Redis is down, and what other nodes sent
 * meanwhile is caught up from the store when Redis is back (see Cluster, Roundtables.learn).
 */
export async function connectRedis(url: string, log: Logger): Promise<RedisConnection> {
  let connected = false;
  const client = createClient({
    url,
    // The adapter reads Redis streams in the RESP2 shape.
    RESP: 2,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: () => (connected ? RETRY_MS : false) },
  });
  const resumed = new Set<() => void>();
  let lost = false;
  client.on('error', (error: unknown) => {
    if (connected && !lost) log.warn({ err: error }, 'Redis connection lost; retrying');
    lost = connected;
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info('Redis connection back');
    for (const listener of resumed) listener();
  });
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port } = new URL(url);
    const reason = error instanceof Error ? error.message : String(error);
    throw new RedisUnreachable(`Could not reach Redis at ${hostname || 'localhost'}:${port || '6379'}: ${reason}`);
  }
  connected = true;
  return {
    adapter: createAdapter(client, { streamName: 'roundtable', maxLen: 100_000 }),
    async ping() {
      await client.ping();
    },
    onResumed: (listener) => void resumed.add(listener),
    async close() {
      connected = false;
      resumed.clear();
      if (client.isOpen) await client.close();
    },
  };
}
