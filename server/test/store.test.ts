import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SNAPSHOT_EVERY } from '../src/store/store.js';
import { SqliteDocStore } from '../src/store/sqliteDocs.js';
import { StoreConflictError } from '../src/store/store.js';
import { MOD } from '../../shared/test/support/roundtable.js';
import { day, postgresPlace, removePlaces, running, sqlitePlace, stored, type Place } from './support/stores.js';

afterEach(removePlaces);

describe.each([
  ['SQLite', async () => sqlitePlace()],
  ['PostgreSQL', postgresPlace],
] as const)('the %s store', (_name, newPlace: () => Promise<Place>) => {
  it('rebuilds exactly the state it was given after every commit, across snapshots, when reopened', async () => {
    const place = await newPlace();
    const { s, ids, item, commit } = await running(await place.open(), 40);
    const steps = day(ids, SNAPSHOT_EVERY * 2 + 37, item);
    for (const [i, step] of steps.entries()) {
      await commit(step(s));
      // A fresh store on the same data at versions between snapshots, on them and just after them.
      if (i % 23 === 0 || s.state.version % SNAPSHOT_EVERY <= 1) {
        const reader = await place.open();
        expect(await reader.load(s.state.id), `version ${s.state.version}`).toEqual(stored(s.state));
        await reader.close();
      }
    }
    expect(s.state.version).toBeGreaterThan(SNAPSHOT_EVERY * 2);
    expect(s.state.speeches.length).toBeGreaterThan(5);
  });

  it('writes a queue change as a few hundred bytes, not the 2,000-person roster', async () => {
    const place = await newPlace();
    const { s, ids, commit } = await running(await place.open(), 2000);
    const row = async () => (await place.query<{ state: string }>('SELECT state FROM roundtables'))[0]?.state ?? '';
    const before = await row();
    await commit({ type: 'queue.add', participantId: ids[3] ?? '', kind: 'speech', topic: 'Border data' });
    const [written] = await place.query<{ diff: string }>(
      `SELECT diff FROM state_patches WHERE version = ${s.state.version}`,
    );
    expect(written?.diff).toContain('Border data');
    expect(written?.diff.length).toBeLessThan(1000);
    expect(before.length).toBeGreaterThan(300_000);
    expect(await row()).toBe(before);
  });

  it('refuses a commit made against another version and writes none of it', async () => {
    const store = await (await newPlace()).open();
    const { s, ids } = await running(store, 3);
    const previous = s.state;
    s.do({ type: 'queue.add', participantId: ids[0] ?? '', kind: 'speech', topic: '' });
    const stale = { ...previous, version: previous.version - 1 };
    const commit = {
      roundtableId: s.state.id,
      previous: stale,
      state: s.state,
      events: s.lastEvents,
      actor: MOD,
      at: 0,
    };
    await expect(store.commit(commit)).rejects.toThrow(StoreConflictError);
    expect(await store.load(s.state.id)).toEqual(stored(previous));
    expect(await store.events(s.state.id, 0, 100)).toEqual([]);
  });

  it('refuses to load a state whose differences have a gap, instead of guessing', async () => {
    const place = await newPlace();
    const { s, ids, item, commit } = await running(await place.open(), 10);
    for (const step of day(ids, 5, item)) await commit(step(s));
    await place.query(`DELETE FROM state_patches WHERE version = ${s.state.version - 2}`);
    await expect((await place.open()).load(s.state.id)).rejects.toThrow(/cannot be rebuilt at version/);
  });

  it('keeps each person’s first sighting per agenda item, across a reopen and a restart', async () => {
    const place = await newPlace();
    const store = await place.open();
    const { s, ids, item } = await running(store, 3);
    const [a = '', b = '', c = ''] = ids;
    await store.recordAttendance(s.state.id, item, [a, b], 10);
    await store.recordAttendance(s.state.id, item, [b, c], 20);
    await store.recordAttendance(s.state.id, 'another', [a], 30);
    await store.close();
    const reopened = await place.open();
    const rows = await reopened.attendance(s.state.id);
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(
      expect.arrayContaining([
        { itemId: item, participantId: a, firstSeen: 10 },
        { itemId: item, participantId: b, firstSeen: 10 },
        { itemId: item, participantId: c, firstSeen: 20 },
        { itemId: 'another', participantId: a, firstSeen: 30 },
      ]),
    );
    expect(rows.map((r) => r.firstSeen)).toEqual([10, 10, 20, 30]);
    await expect(reopened.recordAttendance('no-such-roundtable', item, [a], 40)).rejects.toThrow(/foreign key/i);
  });

  it('flushes the appends before it, and a store closed while a flush runs lets it finish', async () => {
    const place = await newPlace();
    const store = await place.open();
    const { s } = await running(store, 1);
    await store.appendDocUpdate(s.state.id, new Uint8Array([1]), 1);
    await expect(store.flushDocUpdates()).resolves.toBeUndefined();
    const appended = store.appendDocUpdate(s.state.id, new Uint8Array([2]), 2);
    const flushing = store.flushDocUpdates();
    await store.close();
    await expect(flushing).resolves.toBeUndefined();
    await expect(appended).resolves.toBeUndefined();
    await expect(store.flushDocUpdates()).resolves.toBeUndefined();
    expect(await (await place.open()).loadDocUpdates(s.state.id)).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
  });

  it('compacts a document into one update: what is stored (another node’s too) merged with the state given', async () => {
    const place = await newPlace();
    const store = await place.open();
    const { s } = await running(store, 1);
    const [here, there] = [new Y.Doc(), new Y.Doc()];
    here.getText('t').insert(0, 'mine');
    there.getText('t').insert(0, 'theirs');
    const appended = [Y.encodeStateAsUpdate(here), Y.encodeStateAsUpdate(there)];
    for (const [i, update] of appended.entries()) await store.appendDocUpdate(s.state.id, update, i);
    // Held in this node's memory and not stored yet; "theirs" is stored and never reached this node.
    here.getText('t').insert(4, ' and more');
    const held = Y.encodeStateAsUpdate(here);
    let given: Uint8Array[] = [];
    const merge = (stored: Uint8Array[]) => ((given = stored), Y.mergeUpdates([...stored, held]));
    const bytes = await store.compactDocUpdates(s.state.id, merge, 9);
    expect(given).toEqual(appended);
    const again = await place.open();
    const [merged, ...rest] = await again.loadDocUpdates(s.state.id);
    expect(rest).toEqual([]);
    expect(bytes).toBe(merged?.byteLength);
    expect(await again.docBytes(s.state.id)).toBe(bytes);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, merged ?? new Uint8Array());
    expect(['mine and moretheirs', 'theirsmine and more']).toContain(doc.getText('t').toString());
  });

  it('keeps times, Yjs client ids, bytes and the document’s versions as they were given', async () => {
    const place = await newPlace();
    const store = await place.open();
    const { s } = await running(store, 1);
    const id = s.state.id;
    const at = s.now + 1;
    await store.appendDocUpdate(id, new Uint8Array([1, 2, 3]), at);
    await store.appendDocUpdate(id, new Uint8Array([255]), at + 5);
    await store.retireDocClients(id, [4_294_967_295, 7, 7]);
    const v = (n: string) => ({ id: `v-${n}`, name: `Draft ${n}`, createdAt: at, createdBy: 'mod' });
    await store.saveDocVersion(id, v('b'), new Uint8Array([9]));
    await store.saveDocVersion(id, v('a'), new Uint8Array([8, 8]));
    await store.replaceDocVersion(id, 'v-a', 'Scrubbed', new Uint8Array([0]));
    await store.replaceDocUpdates(id, new Uint8Array([4, 5]), at + 9);
    const again = await place.open();
    expect(await again.loadDocUpdates(id)).toEqual([new Uint8Array([4, 5])]);
    expect(await again.docBytes(id)).toBe(2);
    expect((await again.retiredDocClients(id)).sort((x, y) => x - y)).toEqual([7, 4_294_967_295]);
    expect(await again.listDocVersions(id)).toEqual([v('b'), { ...v('a'), name: 'Scrubbed' }]);
    expect(await again.loadDocVersion(id, 'v-a')).toEqual(new Uint8Array([0]));
    expect(await again.loadDocVersion(id, 'v-none')).toBeUndefined();
    expect(await again.storedRoundtable(id)).toEqual({
      id,
      joinCode: s.state.joinCode,
      createdAt: s.state.createdAt,
      updatedAt: s.state.createdAt,
      documentEditedAt: at + 9,
      archivedAt: null,
      bytes: { state: Buffer.byteLength(JSON.stringify(s.state)), events: 0, document: 2 + 1 + 1 },
    });
    expect(await again.setArchived(id, at + 20)).toBe(true);
    expect(await store.archivedAt(id)).toBe(at + 20);
    expect(await again.setArchived('no-such-roundtable', at)).toBe(false);
    expect(await again.archivedAt('no-such-roundtable')).toBeUndefined();
    expect((await again.storedRoundtables()).map((r) => r.archivedAt)).toEqual([at + 20]);
  });

  it('finds credentials, moves a person to their one device, signs out, and erases from every stored event', async () => {
    const place = await newPlace();
    const store = await place.open();
    const { s, ids, commit } = await running(store, 2);
    const [a = '', b = ''] = ids;
    const id = s.state.id;
    const device = (hash: string, participantId: string) => ({
      hash,
      credential: { kind: 'participant' as const, participantId },
    });
    await commit(
      { type: 'queue.add', participantId: a, kind: 'speech', topic: 'Border data' },
      {
        credentials: [
          device('a-phone', a),
          device('b-phone', b),
          { hash: 'mod', credential: { kind: 'link', linkId: 'l' } },
        ],
      },
    );
    expect(await store.findCredential(id, 'mod')).toEqual({ kind: 'link', linkId: 'l' });
    expect(await store.hasDevice(id, a, 'a-laptop')).toBe(true);
    await commit({ type: 'queue.setClosed', closed: true }, { device: device('a-laptop', a) });
    expect(await store.findCredential(id, 'a-phone')).toBeUndefined();
    expect(await store.findCredential(id, 'a-laptop')).toEqual({ kind: 'participant', participantId: a });
    expect(await store.hasDevice(id, a, 'a-laptop')).toBe(false);
    await commit({ type: 'queue.setClosed', closed: false }, { signOut: [b] });
    expect(await store.findCredential(id, 'b-phone')).toBeUndefined();
    const scrub = (e: unknown) => JSON.parse(JSON.stringify(e).replaceAll('Border data', 'erased')) as unknown;
    await commit({ type: 'queue.setClosed', closed: true }, { erasure: { scrub, signOut: [a] } });
    const again = await place.open();
    expect(await again.findCredential(id, 'a-laptop')).toBeUndefined();
    expect(await again.findCredential(id, 'mod')).toEqual({ kind: 'link', linkId: 'l' });
    const events = await again.events(id, 0, 100);
    expect(events.map((e) => e.version)).toEqual([
      s.state.version - 3,
      s.state.version - 2,
      s.state.version - 1,
      s.state.version,
    ]);
    expect(JSON.stringify(events)).not.toContain('Border data');
    expect(JSON.stringify(events)).toContain('erased');
    expect(await again.events(id, s.state.version - 2, 1)).toHaveLength(1);
    expect(await again.load(id)).toEqual(stored(s.state));
  });

  it('finds a roundtable by its join code and its series, and keeps one instance secret for every store', async () => {
    const place = await newPlace();
    const store = await place.open();
    const { s } = await running(store, 1);
    const next = {
      ...s.state,
      id: 'rt-2',
      joinCode: 'GHJKLM',
      series: { id: s.state.id, edition: 2, previousId: s.state.id },
    };
    await store.create(next, [], []);
    expect(await store.idForJoinCode('GHJKLM')).toBe('rt-2');
    expect(await store.joinCodeTaken(s.state.joinCode)).toBe(true);
    expect(await store.joinCodeTaken('ZZZZZZ')).toBe(false);
    expect(await store.seriesMembers(s.state.id)).toEqual([s.state.id, 'rt-2']);
    expect(await store.seriesMembers('rt-2')).toEqual(['rt-2']);
    const other = await place.open();
    const [mine, theirs] = await Promise.all([
      store.instanceSecret('invitations'),
      other.instanceSecret('invitations'),
    ]);
    expect(mine).toMatch(/^[\w-]{43}$/);
    expect(theirs).toBe(mine);
    expect(await store.instanceSecret('another')).not.toBe(mine);
    await expect(store.ping()).resolves.toBeUndefined();
    await expect(store.checkpoint()).resolves.toBeUndefined();
  });
});

describe('the SQLite store', () => {
  it('appends a document update without waiting for the disk, yet every other commit still waits for it', async () => {
    const place = sqlitePlace();
    const { s } = await running(await place.open(), 1);
    const db = new Database(place.file);
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    const docs = new SqliteDocStore(db);
    const synchronous = () => db.pragma('synchronous', { simple: true });
    await docs.appendDocUpdate(s.state.id, new Uint8Array([1, 2, 3]), 1);
    expect(synchronous()).toBe(2);
    await expect(docs.appendDocUpdate('no-such-roundtable', new Uint8Array([4]), 2)).rejects.toThrow(/FOREIGN KEY/);
    expect(synchronous()).toBe(2);
    db.close();
    expect(await (await place.open()).loadDocUpdates(s.state.id)).toEqual([new Uint8Array([1, 2, 3])]);
  });
});
