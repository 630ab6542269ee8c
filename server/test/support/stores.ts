import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RoundtableState, type Command } from '@roundtable/shared';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import type { Commit, Store } from '../../src/store/store.js';
import { MOD, Scenario } from '../../../shared/test/support/roundtable.js';
import { freshDatabase, sql } from './postgres.js';

const stores: Store[] = [];
const cleanups: (() => unknown)[] = [];

/** Closes every store the places opened and removes their data: the test files' afterEach. */
export async function removePlaces(): Promise<void> {
  for (const s of stores.splice(0)) await s.close();
  for (const clean of cleanups.splice(0)) await clean();
}

type Row = Record<string, unknown>;

/** Where a store keeps its data. Opened again, it is the store after a restart, or another node's. */
export interface Place {
  open(): Promise<Store>;
  /** One statement on the database itself, behind the store's back. */
  query<R extends Row>(text: string): Promise<R[]>;
}

const opened = (store: Store) => {
  stores.push(store);
  return store;
};

export function sqlitePlace(): Place & { file: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-store-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const file = path.join(dataDir, 'roundtable.db');
  return {
    file,
    open: async () => opened(openSqliteStore(dataDir)),
    query: async <R extends Row>(text: string) => {
      const db = new Database(file);
      try {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all() as R[];
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
  };
}

/** A database of its own on the test cluster (support/postgres.ts), dropped after the test. */
export async function postgresPlace(): Promise<Place & { url: string }> {
  const db = await freshDatabase();
  cleanups.push(db.drop);
  return {
    url: db.url,
    open: async () => opened(await openPostgresStore(db.url)),
    query: <R extends Row>(text: string) => sql<R>(db.url, text),
  };
}

/** The state as a restart must see it: JSON, with the schema's defaults. */
export const stored = (state: RoundtableState) => RoundtableState.parse(JSON.parse(JSON.stringify(state)));

/** A running roundtable of `people`, created in `store`; every later command goes through `commit`. */
export async function running(store: Store, people: number) {
  const s = new Scenario();
  const item = s.item('Cyber threats', 45);
  s.do({ type: 'agenda.start', itemId: item });
  const ids = Array.from({ length: people }, (_, i) => s.person(`Participant ${i}`).id);
  await store.create(s.state, [], []);
  const commit = async (command: Command, extra: Partial<Commit> = {}) => {
    const previous = s.state;
    s.do(command);
    await store.commit({
      roundtableId: s.state.id,
      previous,
      state: s.state,
      events: s.lastEvents,
      actor: MOD,
      at: s.now,
      ...extra,
    });
  };
  return { s, ids, item, commit };
}

/** A varied day: requests, withdrawals, speeches, renames, reordering, the list closed and opened. */
export function day(ids: string[], n: number, item: string): ((s: Scenario) => Command)[] {
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
