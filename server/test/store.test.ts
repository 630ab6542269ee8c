import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RoundtableState, type Command } from '@roundtable/shared';
import { SNAPSHOT_EVERY, openSqliteStore } from '../src/store/sqlite.js';
import { SqliteDocStore } from '../src/store/sqliteDocs.js';
import { StoreConflictError, type Store } from '../src/store/store.js';
import { MOD, Scenario } from '../../shared/test/support/roundtable.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(dir?: string) {
  const dataDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-store-'));
  if (!dir) dirs.push(dataDir);
  const store = openSqliteStore(dataDir);
  stores.push(store);
  return { store, dataDir };
}

/** The state as a restart must see it: JSON, with the schema's defaults. */
const stored = (state: RoundtableState) => RoundtableState.parse(JSON.parse(JSON.stringify(state)));

/** A running roundtable of `people`, created in `store`; every later command goes through `commit`. */
function running(store: Store, people: number) {
  const s = new Scenario();
  const item = s.item('Cyber threats', 45);
  s.do({ type: 'agenda.start', itemId: item });
  const ids = Array.from({ length: people }, (_, i) => s.person(`Participant ${i}`).id);
  store.create(s.state, [], []);
  const commit = (command: Command) => {
    const previous = s.state;
    s.do(command);
    store.commit({ roundtableId: s.state.id, previous, state: s.state, events: s.lastEvents, actor: MOD, at: s.now });
  };
  return { s, ids, item, commit };
}

/** A varied day: requests, withdrawals, speeches, renames, reordering, the list closed and opened. */
function day(ids: string[], n: number, item: string): ((s: Scenario) => Command)[] {
  return Array.from({ length: n }, (_, i) => (s: Scenario) => {
    const first = s.state.queue.requests[0];
    const who = ids[(i * 7) % ids.length] ?? '';
    if (i % 11 === 5) return { type: 'participant.update', participantId: who, profile: { name: `Speaker ${i}` } };
    if (i % 13 === 0) return { type: 'queue.setClosed', closed: !s.state.queue.closed };
    if (s.state.queue.closed) return { type: 'queue.setClosed', closed: false };
    if (i % 9 === 0 && s.state.floor) return { type: 'floor.end', speechId: s.state.floor.speechId };
    if (i % 6 === 0 && first) return { type: 'floor.next', expectedSpeechId: s.state.floor?.speechId ?? null };
    if (i % 17 === 0) return { type: 'agenda.update', itemId: item, fields: { plannedMinutes: 30 + (i % 20) } };
    if (s.state.queue.requests.length > 8 && first) return { type: 'queue.withdraw', requestId: first.id };
    if (s.state.queue.requests.some((r) => r.participantId === who)) return { type: 'queue.setClosed', closed: true };
    return { type: 'queue.add', participantId: who, kind: 'speech', topic: `Point ${i}` };
  });
}

describe('the SQLite store', () => {
  it('rebuilds exactly the state it was given after every commit, across snapshots, when reopened', () => {
    const { store, dataDir } = open();
    const { s, ids, item, commit } = running(store, 40);
    const steps = day(ids, SNAPSHOT_EVERY * 2 + 37, item);
    for (const [i, step] of steps.entries()) {
      commit(step(s));
      // A fresh store on the same file at versions between snapshots, on them and just after them.
      if (i % 23 === 0 || s.state.version % SNAPSHOT_EVERY <= 1) {
        const reader = open(dataDir).store;
        expect(reader.load(s.state.id), `version ${s.state.version}`).toEqual(stored(s.state));
        reader.close();
      }
    }
    expect(s.state.version).toBeGreaterThan(SNAPSHOT_EVERY * 2);
    expect(s.state.speeches.length).toBeGreaterThan(5);
  });

  it('writes a queue change as a few hundred bytes, not the 2,000-person roster', () => {
    const { store, dataDir } = open();
    const { s, ids, commit } = running(store, 2000);
    const db = new Database(path.join(dataDir, 'roundtable.db'), { readonly: true });
    const row = () => db.prepare<[], { state: string }>('SELECT state FROM roundtables').get()?.state ?? '';
    const before = row();
    commit({ type: 'queue.add', participantId: ids[3] ?? '', kind: 'speech', topic: 'Border data' });
    const written = db
      .prepare<[number], { diff: string }>('SELECT diff FROM state_patches WHERE version = ?')
      .get(s.state.version);
    expect(written?.diff).toContain('Border data');
    expect(written?.diff.length).toBeLessThan(1000);
    expect(before.length).toBeGreaterThan(300_000);
    expect(row()).toBe(before);
    db.close();
  });

  it('refuses a commit made against another version and writes none of it', () => {
    const { store } = open();
    const { s, ids } = running(store, 3);
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
    expect(() => store.commit(commit)).toThrow(StoreConflictError);
    expect(store.load(s.state.id)).toEqual(stored(previous));
  });

  it('refuses to load a state whose differences have a gap, instead of guessing', () => {
    const { store, dataDir } = open();
    const { s, ids, item, commit } = running(store, 10);
    for (const step of day(ids, 5, item)) commit(step(s));
    const db = new Database(path.join(dataDir, 'roundtable.db'));
    db.prepare('DELETE FROM state_patches WHERE version = ?').run(s.state.version - 2);
    db.close();
    expect(() => open(dataDir).store.load(s.state.id)).toThrow(/cannot be rebuilt at version/);
  });

  it('appends a document update without waiting for the disk, yet every other commit still waits for it', () => {
    const { store, dataDir } = open();
    const { s } = running(store, 1);
    const db = new Database(path.join(dataDir, 'roundtable.db'));
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    const docs = new SqliteDocStore(db);
    const synchronous = () => db.pragma('synchronous', { simple: true });
    docs.appendDocUpdate(s.state.id, new Uint8Array([1, 2, 3]), 1);
    expect(synchronous()).toBe(2);
    expect(() => docs.appendDocUpdate('no-such-roundtable', new Uint8Array([4]), 2)).toThrow(/FOREIGN KEY/);
    expect(synchronous()).toBe(2);
    db.close();
    expect(open(dataDir).store.loadDocUpdates(s.state.id)).toEqual([new Uint8Array([1, 2, 3])]);
  });

  it('keeps each person’s first sighting per agenda item, across a reopen and a restart', () => {
    const { store, dataDir } = open();
    const { s, ids, item } = running(store, 3);
    const [a = '', b = '', c = ''] = ids;
    store.recordAttendance(s.state.id, item, [a, b], 10);
    store.recordAttendance(s.state.id, item, [b, c], 20);
    store.recordAttendance(s.state.id, 'another', [a], 30);
    store.close();
    const reopened = open(dataDir).store;
    const rows = reopened.attendance(s.state.id);
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
    expect(() => reopened.recordAttendance('no-such-roundtable', item, [a], 40)).toThrow(/FOREIGN KEY/);
  });

  it('flushes the log, and a store closed while a flush runs lets it finish', async () => {
    const { store } = open();
    const { s } = running(store, 1);
    store.appendDocUpdate(s.state.id, new Uint8Array([1]), 1);
    await expect(store.flushDocUpdates()).resolves.toBeUndefined();
    store.appendDocUpdate(s.state.id, new Uint8Array([2]), 2);
    const flushing = store.flushDocUpdates();
    store.close();
    await expect(flushing).resolves.toBeUndefined();
    await expect(store.flushDocUpdates()).resolves.toBeUndefined();
  });
});
