import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStore } from '../src/store/postgres/open.js';
import { POSTGRES_MIGRATIONS } from '../src/store/postgres/migrations.js';
import { StoreConflictError, type Commit } from '../src/store/store.js';
import { MOD } from '../../shared/test/support/roundtable.js';
import { freshDatabase, sql } from './support/postgres.js';
import { postgresPlace, removePlaces, running, stored } from './support/stores.js';

afterEach(removePlaces);

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Another node appending an update, on a connection of its own, synchronously: called from inside a
 * compaction's merge, it commits while that transaction holds the rows it read, every time.
 */
function appendElsewhere(url: string, roundtableId: string, update: Uint8Array): void {
  const script = `const pg = require('pg');
    const [url, id, data] = process.argv.slice(1);
    const c = new pg.Client(url);
    c.connect()
      .then(() => c.query('INSERT INTO doc_updates (roundtable_id, data, at) VALUES ($1, $2, 0)', [id, Buffer.from(data, 'base64')]))
      .then(() => c.end(), (e) => { console.error(e); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script, url, roundtableId, Buffer.from(update).toString('base64')], {
    cwd: serverDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Every table that holds rows of a roundtable, as deleteRoundtable finds them. */
const tablesOfARoundtable = async (url: string) =>
  (
    await sql<{ name: string }>(
      url,
      `SELECT table_name AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_name = 'roundtable_id' ORDER BY table_name`,
    )
  ).map((r) => r.name);

const rowsOf = async (url: string, table: string, roundtableId: string) =>
  (
    await sql<{ n: number }>(url, `SELECT count(*)::INTEGER AS n FROM ${table} WHERE roundtable_id = $1`, [
      roundtableId,
    ])
  )[0]?.n;

describe('the PostgreSQL store, shared by several nodes', () => {
  it('lets exactly one of two nodes commit on the same version; the other is refused and writes nothing', async () => {
    const place = await postgresPlace();
    const [one, two] = [await place.open(), await place.open()];
    const { s, ids } = await running(one, 3);
    for (let round = 0; round < 20; round++) {
      const previous = s.state;
      const next = (participantId: string): Commit => {
        s.state = previous;
        s.do({ type: 'participant.update', participantId, profile: { name: `Renamed in round ${round}` } });
        return { roundtableId: s.state.id, previous, state: s.state, events: s.lastEvents, actor: MOD, at: s.now };
      };
      const [a, b] = [next(ids[0] ?? ''), next(ids[1] ?? '')];
      const outcomes = await Promise.allSettled([one.commit(a), two.commit(b)]);
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [[a, b][i]] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(StoreConflictError);
      s.state = won[0]?.state ?? previous;
      expect(await two.load(s.state.id)).toEqual(stored(s.state));
      expect((await one.events(s.state.id, previous.version, 10)).map((e) => e.event)).toEqual(won[0]?.events);
    }
  });

  it('migrates an empty database once when three nodes start at the same moment', async () => {
    const db = await freshDatabase();
    try {
      const nodes = await Promise.all([1, 2, 3].map(() => openPostgresStore(db.url)));
      await Promise.all(nodes.map((n) => n.close()));
      const applied = await sql<{ version: number }>(db.url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
      expect(await tablesOfARoundtable(db.url)).toEqual([
        'attendance',
        'credentials',
        'doc_retired_clients',
        'doc_updates',
        'doc_versions',
        'events',
        'next_editions',
        'state_patches',
      ]);
    } finally {
      await db.drop();
    }
  });

  it('refuses a database a newer Roundtable has migrated, and leaves it as it was', async () => {
    const place = await postgresPlace();
    await (await place.open()).close();
    const newer = POSTGRES_MIGRATIONS.length + 1;
    await place.query(`INSERT INTO schema_migrations (version) VALUES (${newer})`);
    await expect(place.open()).rejects.toThrow(
      `The database is from a newer Roundtable (schema ${newer}); this one knows ${POSTGRES_MIGRATIONS.length}.`,
    );
    expect(await place.query('SELECT version FROM schema_migrations')).toHaveLength(newer);
  });

  it('deletes every row of a roundtable from every table, a later migration’s too, and nobody else’s', async () => {
    const place = await postgresPlace();
    const store = await place.open();
    const { s, ids, item, commit } = await running(store, 2);
    const credential = { hash: 'phone', credential: { kind: 'participant' as const, participantId: ids[0] ?? '' } };
    await commit(
      { type: 'queue.add', participantId: ids[0] ?? '', kind: 'speech', topic: '' },
      { credentials: [credential] },
    );
    await store.recordAttendance(s.state.id, item, ids, 1);
    await store.appendDocUpdate(s.state.id, new Uint8Array([1]), 1);
    await store.saveDocVersion(
      s.state.id,
      { id: 'v', name: 'Draft', createdAt: 1, createdBy: 'mod' },
      new Uint8Array([1]),
    );
    await store.retireDocClients(s.state.id, [1]);
    await store.create({ ...s.state, id: 'kept', joinCode: 'KEPTKE' }, [], []);
    await store.appendDocUpdate('kept', new Uint8Array([2]), 2);
    await place.query(
      'CREATE TABLE later (roundtable_id TEXT NOT NULL REFERENCES roundtables(id) DEFERRABLE, note TEXT)',
    );
    await place.query(`INSERT INTO later VALUES ('${s.state.id}', 'from a later migration'), ('kept', 'kept')`);
    // As if it were the next edition of another roundtable.
    await place.query(`INSERT INTO next_editions VALUES ('earlier', '${s.state.id}')`);
    const tables = await tablesOfARoundtable(place.url);
    for (const table of tables) expect(await rowsOf(place.url, table, s.state.id), table).toBeGreaterThan(0);

    expect(await store.deleteRoundtable(s.state.id)).toBe(true);
    for (const table of tables) expect(await rowsOf(place.url, table, s.state.id), table).toBe(0);
    expect(await store.load(s.state.id)).toBeUndefined();
    expect((await store.storedRoundtables()).map((r) => r.id)).toEqual(['kept']);
    expect(await rowsOf(place.url, 'doc_updates', 'kept')).toBe(1);
    expect(await rowsOf(place.url, 'later', 'kept')).toBe(1);
    expect(await store.deleteRoundtable(s.state.id)).toBe(false);
  });

  it('stores the updates of a document in the order they were appended, though the pool runs queries at once', async () => {
    const place = await postgresPlace();
    const store = await place.open();
    const { s } = await running(store, 1);
    await store.create({ ...s.state, id: 'other', joinCode: 'OTHERS' }, [], []);
    const update = (n: number) => new Uint8Array([n % 256, Math.floor(n / 256)]);
    const writes: Promise<void>[] = [];
    for (let n = 0; n < 300; n++) {
      writes.push(store.appendDocUpdate(s.state.id, update(n), n));
      writes.push(store.appendDocUpdate('other', update(1000 + n), n));
      if (n === 149) writes.push(store.replaceDocUpdates(s.state.id, update(9999), n));
    }
    await store.flushDocUpdates();
    // Every append issued before the flush is stored when it resolves: read through another node's pool.
    const node = await place.open();
    const expected = (from: number, to: number, base = 0) =>
      Array.from({ length: to - from }, (_, i) => update(base + from + i));
    expect(await node.loadDocUpdates(s.state.id)).toEqual([update(9999), ...expected(150, 300)]);
    expect(await node.loadDocUpdates('other')).toEqual(expected(0, 300, 1000));
    await expect(Promise.all(writes)).resolves.toHaveLength(601);
  });

  it('keeps an update another node appends while it compacts the document, beside the merged one', async () => {
    const place = await postgresPlace();
    const store = await place.open();
    const { s } = await running(store, 1);
    const doc = new Y.Doc();
    const edit = (words: string) => {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(doc.getText('t').length, words);
      return Y.encodeStateAsUpdate(doc, before);
    };
    const appended = [edit('one '), edit('two ')];
    for (const [i, update] of appended.entries()) await store.appendDocUpdate(s.state.id, update, i);
    const late = edit('three');
    let given: Uint8Array[] = [];
    await store.compactDocUpdates(
      s.state.id,
      (stored) => {
        appendElsewhere(place.url, s.state.id, late);
        given = stored;
        return Y.mergeUpdates(stored);
      },
      9,
    );
    expect(given).toEqual(appended);
    const node = await place.open();
    const updates = await node.loadDocUpdates(s.state.id);
    // In either order: Yjs applies updates in any order to the same document.
    expect(updates).toHaveLength(2);
    expect(updates).toEqual(expect.arrayContaining([Y.mergeUpdates(appended), late]));
    const reader = new Y.Doc();
    for (const update of updates) Y.applyUpdate(reader, update);
    expect(reader.getText('t').toString()).toBe('one two three');
  });

  it('does not store an update of a client an erasure retired, sent by a node that had not heard of it', async () => {
    const place = await postgresPlace();
    const store = await place.open();
    const { s } = await running(store, 1);
    const [old, fresh] = [new Y.Doc(), new Y.Doc()];
    old.getText('t').insert(0, 'a name');
    fresh.getText('t').insert(0, 'a placeholder');
    await store.retireDocClients(s.state.id, [old.clientID]);
    await store.replaceDocUpdates(s.state.id, Y.encodeStateAsUpdate(fresh), 1);
    await (await place.open()).appendDocUpdate(s.state.id, Y.encodeStateAsUpdate(old), 2);
    expect(await store.loadDocUpdates(s.state.id)).toEqual([Y.encodeStateAsUpdate(fresh)]);
  });
});
