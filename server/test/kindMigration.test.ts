import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { RoundtableState, diff, type DomainEvent } from '@roundtable/shared';
import { renameRequestKind } from '../src/store/kindMigration.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { MOD, Scenario } from '../../shared/test/support/roundtable.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A JSON copy with every `kind` of a request, floor or speech written as `type`, as releases before stored it. */
function asBefore<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
      if (key === 'kind' && ('participantId' in this || 'speechId' in this)) return undefined;
      if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'participantId' in v && 'kind' in v) {
        const { kind, ...rest } = v as Record<string, unknown>;
        return { ...rest, type: kind };
      }
      return v;
    }),
  ) as T;
}

it('renames the stored kind of requests, the floor and speeches, in the snapshot, its differences and the log', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-kind-'));
  dirs.push(dir);
  const s = new Scenario();
  const item = s.item('Cyber threats', 45);
  const [a, b, c] = [s.person('A'), s.person('B'), s.person('C')];
  s.do({ type: 'agenda.start', itemId: item });
  const snapshot = s.state;
  const states: RoundtableState[] = [];
  const events: DomainEvent[][] = [];
  const step = (run: () => void) => {
    run();
    states.push(s.state);
    events.push(s.lastEvents);
  };
  step(() => s.do({ type: 'queue.request', kind: 'speech', topic: 'Borders' }, a.actor));
  step(() => s.do({ type: 'queue.request', kind: 'point_of_order', topic: '' }, b.actor));
  step(() => s.do({ type: 'floor.next', expectedSpeechId: null }));
  step(() => s.do({ type: 'queue.request', kind: 'question', topic: 'Data' }, c.actor));
  step(() => s.do({ type: 'floor.next', expectedSpeechId: s.state.floor?.speechId ?? null }));
  step(() => s.do({ type: 'queue.request', kind: 'reply', topic: '' }, b.actor));
  step(() => s.do({ type: 'queue.move', requestId: s.state.queue.requests.at(-1)?.id ?? '', before: null }));
  expect(s.state.speeches.length).toBe(1);
  expect(s.state.queue.undo).not.toBeNull();

  // A database as the release before this one left it: every migration but the rename, old names stored.
  const db = new Database(path.join(dir, 'roundtable.db'));
  const before = MIGRATIONS.indexOf(renameRequestKind);
  for (const m of MIGRATIONS.slice(0, before)) if (typeof m === 'string') db.exec(m);
  db.pragma(`user_version = ${before}`);
  const final = s.state;
  db.prepare('INSERT INTO roundtables VALUES (?, ?, ?, ?, 0, 0)').run(
    final.id,
    final.joinCode,
    final.version,
    JSON.stringify(asBefore(snapshot)),
  );
  let previous = asBefore(snapshot);
  for (const [i, state] of states.entries()) {
    const old = asBefore(state);
    db.prepare('INSERT INTO state_patches VALUES (?, ?, ?)').run(
      final.id,
      state.version,
      JSON.stringify(diff(previous, old)),
    );
    for (const [seq, e] of asBefore(events[i] ?? []).entries()) {
      db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, 0, ?)').run(
        final.id,
        state.version,
        seq,
        e.type,
        JSON.stringify(e),
        JSON.stringify(MOD),
      );
    }
    previous = old;
  }
  expect(JSON.stringify(previous)).toContain('"type":"question"');
  db.close();

  const store = openSqliteStore(dir);
  expect(await store.load(final.id)).toEqual(RoundtableState.parse(JSON.parse(JSON.stringify(final))));
  const logged = (await store.events(final.id, 0, 100)).map((r) => r.event);
  expect(logged).toEqual(JSON.parse(JSON.stringify(events.flat())));
  expect(logged.some((e) => e.type === 'floor.ended')).toBe(true);
  await store.close();
});
