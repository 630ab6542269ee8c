import type { Store } from '../store.js';
import { migrate } from './migrations.js';
import { createPool } from './pool.js';
import { PostgresStore } from './roundtables.js';

/**
 * Connects to the PostgreSQL that several nodes share (issue 17's cluster mode) and brings its schema up
 * to date; refuses a database a newer Roundtable has migrated. `url` is a postgres:// connection string.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const pool = createPool(url);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool);
}
