import type { OperatorStore, StoredRoundtable } from '../operatorStore.js';
import { PostgresDocStore } from './docs.js';
import { transaction } from './pool.js';

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

/**
 * octet_length counts the UTF-8 bytes of text, as SQLite's length(CAST(... AS BLOB)) does. The sums of
 * its INTEGERs are BIGINT, which the pool reads as numbers (a sum of BIGINTs would be NUMERIC, a string).
 */
const STORED = `SELECT r.id, r.join_code, r.created_at, r.updated_at, r.archived_at,
    octet_length(r.state)
      + coalesce((SELECT sum(octet_length(p.diff)) FROM state_patches p WHERE p.roundtable_id = r.id), 0)
      AS state_bytes,
    coalesce((SELECT sum(octet_length(e.data) + octet_length(e.actor))
      FROM events e WHERE e.roundtable_id = r.id), 0) AS event_bytes,
    coalesce((SELECT sum(octet_length(d.data)) FROM doc_updates d WHERE d.roundtable_id = r.id), 0)
      + coalesce((SELECT sum(octet_length(v.data)) FROM doc_versions v WHERE v.roundtable_id = r.id), 0)
      AS document_bytes,
    (SELECT max(d.at) FROM doc_updates d WHERE d.roundtable_id = r.id) AS document_at
  FROM roundtables r`;

/**
 * Every table holding a roundtable's rows names it in a `roundtable_id` column, so a table a later
 * migration adds is deleted from without being listed here.
 */
const TABLES_OF_A_ROUNDTABLE = `SELECT table_name AS name FROM information_schema.columns
  WHERE table_schema = current_schema() AND column_name = 'roundtable_id' ORDER BY table_name`;

const stored = (r: Row): StoredRoundtable => ({
  id: r.id,
  joinCode: r.join_code,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  documentEditedAt: r.document_at,
  archivedAt: r.archived_at,
  bytes: { state: r.state_bytes, events: r.event_bytes, document: r.document_bytes },
});

/** The operator's half of the PostgreSQL store (see ../operatorStore.ts); roundtables.ts builds on it. */
export class PostgresOperatorStore extends PostgresDocStore implements OperatorStore {
  async storedRoundtables(): Promise<StoredRoundtable[]> {
    const { rows } = await this.pool.query<Row>(`${STORED} ORDER BY r.created_at, r.id`);
    return rows.map(stored);
  }

  async storedRoundtable(roundtableId: string): Promise<StoredRoundtable | undefined> {
    const { rows } = await this.pool.query<Row>(`${STORED} WHERE r.id = $1`, [roundtableId]);
    return rows[0] && stored(rows[0]);
  }

  async archivedAt(roundtableId: string): Promise<number | null | undefined> {
    const { rows } = await this.pool.query<{ archived_at: number | null }>(
      'SELECT archived_at FROM roundtables WHERE id = $1',
      [roundtableId],
    );
    return rows[0]?.archived_at;
  }

  async setArchived(roundtableId: string, at: number | null): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE roundtables SET archived_at = $1 WHERE id = $2', [
      at,
      roundtableId,
    ]);
    return rowCount === 1;
  }

  async deleteRoundtable(roundtableId: string): Promise<boolean> {
    return transaction(this.pool, async (client) => {
      // The references are DEFERRABLE (migrations.ts): checked at the commit, once every row is gone.
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      const { rows } = await client.query<{ name: string }>(TABLES_OF_A_ROUNDTABLE);
      for (const { name } of rows) {
        await client.query(`DELETE FROM ${client.escapeIdentifier(name)} WHERE roundtable_id = $1`, [roundtableId]);
      }
      const { rowCount } = await client.query('DELETE FROM roundtables WHERE id = $1', [roundtableId]);
      return rowCount === 1;
    });
  }
}
