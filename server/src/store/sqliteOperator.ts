import type Database from 'better-sqlite3';
import { SqliteDocStore } from './sqliteDocs.js';
import type { OperatorStore, StoredRoundtable } from './operatorStore.js';

interface Row {
  id: string;
  join_code: string;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  document_at: number | null;
  state_bytes: number;
  event_bytes: number;
  document_bytes: number;
}

/** Text is stored as UTF-8: CAST AS BLOB makes `length()` count its bytes rather than its characters. */
const STORED = `SELECT r.id, r.join_code, r.created_at, r.updated_at, r.archived_at,
    length(CAST(r.state AS BLOB))
      + coalesce((SELECT sum(length(CAST(p.diff AS BLOB))) FROM state_patches p WHERE p.roundtable_id = r.id), 0)
      AS state_bytes,
    coalesce((SELECT sum(length(CAST(e.data AS BLOB)) + length(CAST(e.actor AS BLOB)))
      FROM events e WHERE e.roundtable_id = r.id), 0) AS event_bytes,
    coalesce((SELECT sum(length(d.data)) FROM doc_updates d WHERE d.roundtable_id = r.id), 0)
      + coalesce((SELECT sum(length(v.data)) FROM doc_versions v WHERE v.roundtable_id = r.id), 0) AS document_bytes,
    (SELECT max(d.at) FROM doc_updates d WHERE d.roundtable_id = r.id) AS document_at
  FROM roundtables r`;

/**
 * Every table holding a roundtable's rows names it in a `roundtable_id` column, so a table a later
 * migration adds is deleted from without being listed here (tests/integration/operator.test.ts reads
 * every table of the file afterwards).
 */
const TABLES_OF_A_ROUNDTABLE = `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
  WHERE m.type = 'table' AND c.name = 'roundtable_id' ORDER BY m.name`;

const stored = (r: Row): StoredRoundtable => ({
  id: r.id,
  joinCode: r.join_code,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  documentEditedAt: r.document_at,
  archivedAt: r.archived_at,
  bytes: { state: r.state_bytes, events: r.event_bytes, document: r.document_bytes },
});

/** The operator's half of the SQLite store (see operatorStore.ts); sqlite.ts builds on it. */
export class SqliteOperatorStore extends SqliteDocStore implements OperatorStore {
  readonly #db: Database.Database;
  readonly #q;

  constructor(db: Database.Database) {
    super(db);
    this.#db = db;
    this.#q = {
      all: db.prepare<[], Row>(`${STORED} ORDER BY r.created_at`),
      one: db.prepare<[string], Row>(`${STORED} WHERE r.id = ?`),
      archivedAt: db.prepare<[string], { archived_at: number | null }>(
        'SELECT archived_at FROM roundtables WHERE id = ?',
      ),
      setArchived: db.prepare('UPDATE roundtables SET archived_at = ? WHERE id = ?'),
      tables: db.prepare<[], string>(TABLES_OF_A_ROUNDTABLE).pluck(),
      deleteRoundtable: db.prepare('DELETE FROM roundtables WHERE id = ?'),
    };
  }

  async storedRoundtables(): Promise<StoredRoundtable[]> {
    return this.#q.all.all().map(stored);
  }

  async storedRoundtable(roundtableId: string): Promise<StoredRoundtable | undefined> {
    const row = this.#q.one.get(roundtableId);
    return row && stored(row);
  }

  async archivedAt(roundtableId: string): Promise<number | null | undefined> {
    return this.#q.archivedAt.get(roundtableId)?.archived_at;
  }

  async setArchived(roundtableId: string, at: number | null): Promise<boolean> {
    return this.#q.setArchived.run(at, roundtableId).changes === 1;
  }

  async deleteRoundtable(roundtableId: string): Promise<boolean> {
    const tables = this.#q.tables.all();
    const deleted = this.#db.transaction(() => {
      // The rows of one table may point at another's (a later migration's): checked once all are gone.
      this.#db.pragma('defer_foreign_keys = ON');
      for (const table of tables) {
        this.#db.prepare(`DELETE FROM "${table.replaceAll('"', '""')}" WHERE roundtable_id = ?`).run(roundtableId);
      }
      return this.#q.deleteRoundtable.run(roundtableId).changes === 1;
    })();
    // secure_delete has overwritten the rows in the database's pages; the log's copies of those pages go too.
    if (deleted) this.#db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }
}
