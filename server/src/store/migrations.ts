import type Database from 'better-sqlite3';
import { renameRequestKind } from './kindMigration.js';

/** SQL, or a step that needs the state rebuilt in JavaScript; each runs in one transaction. */
export type Migration = string | ((db: Database.Database) => void);

/**
 * Numbered migrations; the database's `user_version` says how many have run. Append only:
 * a released migration is never edited, a change is a new one.
 */
export const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE roundtables (
     id TEXT PRIMARY KEY,
     join_code TEXT NOT NULL UNIQUE,
     version INTEGER NOT NULL,
     state TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE events (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id),
     version INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     PRIMARY KEY (roundtable_id, version, seq)
   );
   CREATE TABLE credentials (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id),
     hash TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('link', 'participant')),
     subject_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (roundtable_id, hash)
   );`,
  `CREATE TABLE doc_updates (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id),
     data BLOB NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX doc_updates_by_roundtable ON doc_updates (roundtable_id, id);
   CREATE TABLE doc_versions (
     id TEXT PRIMARY KEY,
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id),
     name TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     created_by TEXT NOT NULL
   );
   CREATE INDEX doc_versions_by_roundtable ON doc_versions (roundtable_id, created_at);`,
  // The state row is a snapshot; each commit in between stores only its difference (see sqlite.ts).
  `CREATE TABLE state_patches (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id),
     version INTEGER NOT NULL,
     diff TEXT NOT NULL,
     PRIMARY KEY (roundtable_id, version)
   );`,
  renameRequestKind,
  // Who was connected during which agenda item (realtime/attendance.ts): one row per person and item, first sighting kept.
  `CREATE TABLE attendance (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id),
     item_id TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     first_seen INTEGER NOT NULL,
     PRIMARY KEY (roundtable_id, item_id, participant_id)
   ) WITHOUT ROWID;`,
  // The instance's own secrets (instanceSecrets.ts): the key personal invitations are derived from.
  `CREATE TABLE instance_secrets (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // An archived roundtable (the operator page, store/sqliteOperator.ts) is kept whole but served to nobody.
  `ALTER TABLE roundtables ADD COLUMN archived_at INTEGER;`,
  // The Yjs clients of a document an erasure rebuilt (yjs/erasure.ts): a device's old copy sent back is refused.
  `CREATE TABLE doc_retired_clients (
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id),
     client INTEGER NOT NULL,
     PRIMARY KEY (roundtable_id, client)
   ) WITHOUT ROWID;`,
  // An edition has one next edition (editions.ts): the key says so, for the PostgreSQL store's nodes too.
  `CREATE TABLE next_editions (
     previous_id TEXT PRIMARY KEY,
     roundtable_id TEXT NOT NULL REFERENCES roundtables(id)
   ) WITHOUT ROWID;`,
];
