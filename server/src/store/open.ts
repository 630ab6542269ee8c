import type { Config } from '../config.js';
import { openPostgresStore } from './postgres/open.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** The store the configuration names: PostgreSQL with DATABASE_URL (several nodes may share it), else SQLite in DATA_DIR. */
export function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : Promise.resolve(openSqliteStore(config.dataDir));
}
