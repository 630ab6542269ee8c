import type { Client, Pool } from './pool.js';

/** SQL, or a step that needs JavaScript; each runs in its own transaction. */
export type PostgresMigration = string | ((client: Client) => Promise<void>);

/**
 * Numbered migrations of the PostgreSQL store, apart from SQLite's (../migrations.ts): PostgreSQL starts
 * at the schema those end at. Append only: a released migration is never edited, a change is a new one.
 * Times are milliseconds (BIGINT), Yjs client ids are unsigned 32-bit (BIGINT). The references are
 * DEFERRABLE so that deleting a roundtable (operator.ts) may empty its tables in any order; a later
 * table with a `roundtable_id` should reference it the same way.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  `CREATE TABLE roundtables (
     id TEXT PRIMARY KEY,
     join_code TEXT NOT NULL UNIQUE,
     version INTEGER NOT NULL,
     state TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL,
     archived_at BIGINT
   );
   CREATE TABLE events (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE,
     version INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     at BIGINT NOT NULL,
     actor TEXT NOT NULL,
     PRIMARY KEY (roundtable_id, version, seq)
   );
   CREATE TABLE credentials (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE,
     hash TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('link', 'participant')),
     subject_id TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     PRIMARY KEY (roundtable_id, hash)
   );
   CREATE INDEX credentials_by_subject ON credentials (roundtable_id, subject_id);
   CREATE TABLE state_patches (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE,
     version INTEGER NOT NULL,
     diff TEXT NOT NULL,
     PRIMARY KEY (roundtable_id, version)
   );
   CREATE TABLE doc_updates (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE,
     data BYTEA NOT NULL,
     at BIGINT NOT NULL
   );
   CREATE INDEX doc_updates_by_roundtable ON doc_updates (roundtable_id, id);
   CREATE TABLE doc_versions (
     id TEXT PRIMARY KEY,
     -- Orders versions saved in the same millisecond as they were saved (SQLite's rowid).
     seq BIGINT GENERATED ALWAYS AS IDENTITY,
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE,
     name TEXT NOT NULL,
     data BYTEA NOT NULL,
     created_at BIGINT NOT NULL,
     created_by TEXT NOT NULL
   );
   CREATE INDEX doc_versions_by_roundtable ON doc_versions (roundtable_id, created_at, seq);
   CREATE TABLE doc_retired_clients (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE,
     client BIGINT NOT NULL,
     PRIMARY KEY (roundtable_id, client)
   );
   CREATE TABLE attendance (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE,
     item_id TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     first_seen BIGINT NOT NULL,
     PRIMARY KEY (roundtable_id, item_id, participant_id)
   );
   CREATE TABLE instance_secrets (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // An edition has one next edition, whichever node creates it (editions.ts): the key says so.
  `CREATE TABLE next_editions (
     previous_id TEXT PRIMARY KEY,
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE
   );`,
];

/** One number for every Roundtable node: whoever holds the lock is the one migrating. */
const MIGRATION_LOCK = 0x526f756e64;

/**
 * Applies the migrations this database lacks. Nodes starting at the same moment queue on an advisory
 * lock (released with the connection if a node dies), so each migration runs once; the others find it
 * recorded. A database some newer Roundtable migrated further is refused rather than written to.
 */
export async function migrate(
  pool: Pool,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ current: number }>(
      'SELECT coalesce(max(version), 0) AS current FROM schema_migrations',
    );
    const current = rows[0]?.current ?? 0;
    if (current > migrations.length) {
      throw new Error(
        `The database is from a newer Roundtable (schema ${current}); this one knows ${migrations.length}.`,
      );
    }
    for (let i = current; i < migrations.length; i++) {
      const step = migrations[i] ?? '';
      await client.query('BEGIN');
      if (typeof step === 'string') await client.query(step);
      else await step(client);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
      await client.query('COMMIT');
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    client.release();
  } catch (error) {
    // Closing the connection rolls back a migration half done and lets the lock go, whatever failed.
    client.release(true);
    throw error;
  }
}
