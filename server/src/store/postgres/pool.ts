import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

/**
 * BIGINT holds times in milliseconds and Yjs client ids, all far below 2^53; pg hands it over as a
 * string so as not to round a larger one. A larger one would be a corrupt row: refused, not rounded.
 */
function bigintAsNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`A stored BIGINT (${text}) does not fit a JavaScript number.`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? bigintAsNumber : pg.types.getTypeParser(oid, format),
};

const CONNECT_TIMEOUT_MS = 10_000;
/** Far above any query of ours (an erasure rewrites a roundtable's events in one statement each). */
const STATEMENT_TIMEOUT_MS = 30_000;

/** A pool with this store's type parsers (per pool: pg's global parsers are left to other users of pg). */
export function createPool(url: string): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    // A database that stops answering (a dropped network, not a refused one) fails a request in seconds
    // with not_saved, instead of holding it and every command queued behind it for minutes.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
  });
  // An idle connection that breaks (the server restarted) is dropped by the pool and replaced on the next
  // query, which reports a lasting outage itself; without a listener the event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `fn` in a transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function transaction<T>(pool: Pool, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A connection whose rollback failed is in an unknown state: destroyed rather than reused.
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(!rolledBack);
    throw error;
  }
}

/** Uint8Array in, Buffer out: what pg sends and returns for BYTEA. */
export const toBytes = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
export const fromBytes = (data: Buffer): Uint8Array => new Uint8Array(data);
