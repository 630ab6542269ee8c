import * as Y from 'yjs';
import type { DocStore, DocVersionInfo } from '../docs.js';
import { fromBytes, toBytes, transaction, type Pool } from './pool.js';

/**
 * The outcome-document half of the PostgreSQL store. A commit is durable when it returns, so an
 * append resolves once stored for good and a flush only waits for the appends issued before it. The
 * pool runs queries on several connections at once: each document's writes (and reads, which must
 * see them) go through one queue, so its updates are stored in the order they were appended.
 */
export class PostgresDocStore implements DocStore {
  /** The last write or read queued for each document; dropped once it is done and nothing followed. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(protected readonly pool: Pool) {}

  #queued<T>(roundtableId: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(roundtableId) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => undefined);
    this.#queues.set(roundtableId, tail);
    void tail.then(() => {
      if (this.#queues.get(roundtableId) === tail) this.#queues.delete(roundtableId);
    });
    return run;
  }

  /**
   * An update of a client an erasure retired is not stored (another node's old copy, sent before it heard
   * of the erasure). The roundtable's row is locked first, so an append either commits before an erasure's
   * rewrite (which then deletes it) or runs after it and sees the retired clients.
   */
  appendDocUpdate(roundtableId: string, update: Uint8Array, at: number): Promise<void> {
    const clients = clientsOf(update);
    return this.#queued(roundtableId, () =>
      transaction(this.pool, async (client) => {
        await client.query('SELECT 1 FROM roundtables WHERE id = $1 FOR KEY SHARE', [roundtableId]);
        await client.query(
          `INSERT INTO doc_updates (roundtable_id, data, at) SELECT $1, $2, $3
             WHERE NOT EXISTS (SELECT 1 FROM doc_retired_clients WHERE roundtable_id = $1 AND client = ANY($4::BIGINT[]))`,
          [roundtableId, toBytes(update), at, clients],
        );
      }),
    );
  }

  /** A failed append was reported to its caller and is nobody's to wait for: settled is enough. */
  async flushDocUpdates(): Promise<void> {
    await Promise.allSettled([...this.#queues.values()]);
  }

  loadDocUpdates(roundtableId: string): Promise<Uint8Array[]> {
    return this.#queued(roundtableId, async () => {
      const { rows } = await this.pool.query<{ data: Buffer }>(
        'SELECT data FROM doc_updates WHERE roundtable_id = $1 ORDER BY id',
        [roundtableId],
      );
      return rows.map((r) => fromBytes(r.data));
    });
  }

  docBytes(roundtableId: string): Promise<number> {
    return this.#queued(roundtableId, async () => {
      const { rows } = await this.pool.query<{ bytes: number }>(
        'SELECT coalesce(sum(octet_length(data)), 0)::BIGINT AS bytes FROM doc_updates WHERE roundtable_id = $1',
        [roundtableId],
      );
      return rows[0]?.bytes ?? 0;
    });
  }

  replaceDocUpdates(roundtableId: string, compacted: Uint8Array, at: number): Promise<void> {
    return this.#queued(roundtableId, () =>
      transaction(this.pool, async (client) => {
        // Waits for the appends under way (see appendDocUpdate), which the delete then removes.
        await client.query('SELECT 1 FROM roundtables WHERE id = $1 FOR UPDATE', [roundtableId]);
        await client.query('DELETE FROM doc_updates WHERE roundtable_id = $1', [roundtableId]);
        await client.query('INSERT INTO doc_updates (roundtable_id, data, at) VALUES ($1, $2, $3)', [
          roundtableId,
          toBytes(compacted),
          at,
        ]);
      }),
    );
  }

  compactDocUpdates(roundtableId: string, merge: (stored: Uint8Array[]) => Uint8Array, at: number): Promise<number> {
    return this.#queued(roundtableId, () =>
      transaction(this.pool, async (client) => {
        const { rows } = await client.query<{ id: number; data: Buffer }>(
          'SELECT id, data FROM doc_updates WHERE roundtable_id = $1 ORDER BY id FOR UPDATE',
          [roundtableId],
        );
        const merged = merge(rows.map((r) => fromBytes(r.data)));
        // Only the rows read: one another node commits meanwhile stays, beside the merged one.
        await client.query('DELETE FROM doc_updates WHERE id = ANY($1::BIGINT[])', [rows.map((r) => r.id)]);
        await client.query('INSERT INTO doc_updates (roundtable_id, data, at) VALUES ($1, $2, $3)', [
          roundtableId,
          toBytes(merged),
          at,
        ]);
        return merged.byteLength;
      }),
    );
  }

  async saveDocVersion(roundtableId: string, v: DocVersionInfo, data: Uint8Array): Promise<void> {
    await this.pool.query(
      'INSERT INTO doc_versions (id, roundtable_id, name, data, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [v.id, roundtableId, v.name, toBytes(data), v.createdAt, v.createdBy],
    );
  }

  async listDocVersions(roundtableId: string): Promise<DocVersionInfo[]> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: number; created_by: string }>(
      'SELECT id, name, created_at, created_by FROM doc_versions WHERE roundtable_id = $1 ORDER BY created_at, seq',
      [roundtableId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by }));
  }

  async loadDocVersion(roundtableId: string, versionId: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query<{ data: Buffer }>(
      'SELECT data FROM doc_versions WHERE roundtable_id = $1 AND id = $2',
      [roundtableId, versionId],
    );
    return rows[0] && fromBytes(rows[0].data);
  }

  async replaceDocVersion(roundtableId: string, versionId: string, name: string, data: Uint8Array): Promise<void> {
    await this.pool.query('UPDATE doc_versions SET name = $1, data = $2 WHERE roundtable_id = $3 AND id = $4', [
      name,
      toBytes(data),
      roundtableId,
      versionId,
    ]);
  }

  async retireDocClients(roundtableId: string, clients: readonly number[]): Promise<void> {
    if (clients.length === 0) return;
    await this.pool.query(
      `INSERT INTO doc_retired_clients (roundtable_id, client)
         SELECT $1, c FROM unnest($2::BIGINT[]) AS c ON CONFLICT DO NOTHING`,
      [roundtableId, clients],
    );
  }

  async retiredDocClients(roundtableId: string): Promise<number[]> {
    const { rows } = await this.pool.query<{ client: number }>(
      'SELECT client FROM doc_retired_clients WHERE roundtable_id = $1',
      [roundtableId],
    );
    return rows.map((r) => r.client);
  }
}

/** The clients whose changes an update carries; none for bytes that are not one (the store keeps them as given). */
function clientsOf(update: Uint8Array): number[] {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return [...new Set([...structs.map((s) => s.id.client), ...ds.clients.keys()])];
  } catch {
    return [];
  }
}
