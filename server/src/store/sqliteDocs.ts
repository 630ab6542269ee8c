import type Database from 'better-sqlite3';
import type { DocStore, DocVersionInfo } from './docs.js';
import { WalFlusher } from './walFlush.js';

/**
 * The outcome-document half of the SQLite store. The database syncs every commit (`synchronous =
 * FULL`), except a document update's append: it is committed into the write-ahead log without waiting
 * for the disk (`NORMAL`: the OS has it, so a killed process loses nothing), relayed, and then made
 * durable by `flushDocUpdates`, which flushes the log off the event loop. So an edit reaches the other
 * writers without waiting for the disk, and "Saved" still means on the disk.
 */
export class SqliteDocStore implements DocStore {
  readonly #q;

  readonly #wal: WalFlusher;

  constructor(private readonly docDb: Database.Database) {
    this.#wal = new WalFlusher(docDb.memory ? undefined : `${docDb.name}-wal`);
    this.#q = {
      unsynced: docDb.prepare('PRAGMA synchronous = NORMAL'),
      synced: docDb.prepare('PRAGMA synchronous = FULL'),
      append: docDb.prepare('INSERT INTO doc_updates (roundtable_id, data, at) VALUES (?, ?, ?)'),
      load: docDb.prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_updates WHERE roundtable_id = ? ORDER BY id',
      ),
      bytes: docDb.prepare<[string], { bytes: number | null }>(
        'SELECT SUM(LENGTH(data)) AS bytes FROM doc_updates WHERE roundtable_id = ?',
      ),
      clear: docDb.prepare('DELETE FROM doc_updates WHERE roundtable_id = ?'),
      saveVersion: docDb.prepare(
        'INSERT INTO doc_versions (id, roundtable_id, name, data, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      listVersions: docDb.prepare<[string], { id: string; name: string; created_at: number; created_by: string }>(
        'SELECT id, name, created_at, created_by FROM doc_versions WHERE roundtable_id = ? ORDER BY created_at, rowid',
      ),
      replaceVersion: docDb.prepare('UPDATE doc_versions SET name = ?, data = ? WHERE roundtable_id = ? AND id = ?'),
      retire: docDb.prepare('INSERT OR IGNORE INTO doc_retired_clients (roundtable_id, client) VALUES (?, ?)'),
      retired: docDb
        .prepare<[string], number>('SELECT client FROM doc_retired_clients WHERE roundtable_id = ?')
        .pluck(),
      loadVersion: docDb.prepare<[string, string], { data: Buffer }>(
        'SELECT data FROM doc_versions WHERE roundtable_id = ? AND id = ?',
      ),
    };
  }

  async appendDocUpdate(roundtableId: string, update: Uint8Array, at: number): Promise<void> {
    this.#q.unsynced.run();
    try {
      this.#q.append.run(roundtableId, Buffer.from(update), at);
    } finally {
      this.#q.synced.run();
    }
  }

  flushDocUpdates(): Promise<void> {
    return this.#wal.flush();
  }

  protected closeDocs(): void {
    this.#wal.close();
  }

  async loadDocUpdates(roundtableId: string): Promise<Uint8Array[]> {
    return this.#q.load.all(roundtableId).map((r) => new Uint8Array(r.data));
  }

  async docBytes(roundtableId: string): Promise<number> {
    return this.#q.bytes.get(roundtableId)?.bytes ?? 0;
  }

  async replaceDocUpdates(roundtableId: string, compacted: Uint8Array, at: number): Promise<void> {
    this.docDb.transaction(() => {
      this.#q.clear.run(roundtableId);
      this.#q.append.run(roundtableId, Buffer.from(compacted), at);
    })();
  }

  async compactDocUpdates(
    roundtableId: string,
    merge: (stored: Uint8Array[]) => Uint8Array,
    at: number,
  ): Promise<number> {
    // One process holds the file: nothing is appended between the read and the write of this transaction.
    return this.docDb.transaction(() => {
      const merged = merge(this.#q.load.all(roundtableId).map((r) => new Uint8Array(r.data)));
      this.#q.clear.run(roundtableId);
      this.#q.append.run(roundtableId, Buffer.from(merged), at);
      return merged.byteLength;
    })();
  }

  async saveDocVersion(roundtableId: string, v: DocVersionInfo, data: Uint8Array): Promise<void> {
    this.#q.saveVersion.run(v.id, roundtableId, v.name, Buffer.from(data), v.createdAt, v.createdBy);
  }

  async listDocVersions(roundtableId: string): Promise<DocVersionInfo[]> {
    return this.#q.listVersions
      .all(roundtableId)
      .map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by }));
  }

  async replaceDocVersion(roundtableId: string, versionId: string, name: string, data: Uint8Array): Promise<void> {
    this.#q.replaceVersion.run(name, Buffer.from(data), roundtableId, versionId);
  }
  async retireDocClients(roundtableId: string, clients: readonly number[]): Promise<void> {
    this.docDb.transaction(() => clients.forEach((c) => this.#q.retire.run(roundtableId, c)))();
  }

  async retiredDocClients(roundtableId: string): Promise<number[]> {
    return this.#q.retired.all(roundtableId);
  }

  async loadDocVersion(roundtableId: string, versionId: string): Promise<Uint8Array | undefined> {
    const row = this.#q.loadVersion.get(roundtableId, versionId);
    return row ? new Uint8Array(row.data) : undefined;
  }
}
