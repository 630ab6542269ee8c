import pino from 'pino';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { erasureDueAt, type Command } from '@roundtable/shared';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { Roundtables } from '../src/roundtables.js';
import { RetentionSweeper } from '../src/retention.js';
import { MOD, Scenario } from '../../shared/test/support/roundtable.js';

const DAY = 86_400_000;
const stores: Store[] = [];
// The commands stamp their times with the server's clock: the test moves it and hands the same to the sweeper.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  for (const s of stores.splice(0)) void s.close();
});

/** Roundtables in a store, and a sweeper whose clock the test moves. */
function world() {
  const store = openSqliteStore(':memory:');
  stores.push(store);
  const roundtables = new Roundtables(store, pino({ level: 'silent' }));
  let made = 0;
  const sweeper = new RetentionSweeper(roundtables, store, pino({ level: 'silent' }), () => Date.now());
  const run = async (id: string, command: Command) => {
    const version = (await roundtables.peek(id))?.version ?? 0;
    return roundtables.execute(id, { system: MOD }, { baseVersion: version, command });
  };
  /** A roundtable with one person on it, ended now unless told otherwise. */
  const roundtable = async (ended = true) => {
    const s = new Scenario();
    s.person('Данияр Сапаров');
    const id = `rt-${(made += 1)}`;
    await store.create({ ...s.state, id, joinCode: `CODE${made}` }, [], []);
    if (ended) expect(await run(id, { type: 'roundtable.end' })).toMatchObject({ ok: true });
    return id;
  };
  return { store, roundtables, sweeper, run, roundtable, later: (ms: number) => vi.setSystemTime(Date.now() + ms) };
}

it('erases an ended roundtable once its retention period has passed, and not a day before', async () => {
  const w = world();
  const id = await w.roundtable();
  expect(await w.run(id, { type: 'roundtable.setRetention', days: 30 })).toMatchObject({ ok: true });
  w.later(29 * DAY);
  expect(await w.sweeper.sweep()).toEqual([]);
  expect((await w.roundtables.peek(id))?.participants[0]?.name).toBe('Данияр Сапаров');
  w.later(DAY + 60_000);
  expect(await w.sweeper.sweep()).toEqual([id]);
  const erased = await w.roundtables.peek(id);
  expect(erased?.participants[0]?.name).toBe('#1');
  expect(erased && erasureDueAt(erased)).toBeNull();
  // Done once: the next sweep finds nothing due.
  expect(await w.sweeper.sweep()).toEqual([]);
  w.later(DAY);
  expect(await w.sweeper.sweep()).toEqual([]);
});

it('erases again the people who came after it was reopened, once it has ended again', async () => {
  const w = world();
  const id = await w.roundtable();
  w.later(91 * DAY);
  expect(await w.sweeper.sweep()).toEqual([id]);
  w.later(60_000);
  expect(await w.run(id, { type: 'roundtable.reopen' })).toMatchObject({ ok: true });
  const added = await w.run(id, {
    type: 'participant.add',
    role: 'participant',
    profile: { name: 'Ақерке Төлеуова', function: '', delegation: null, language: 'kk' },
  });
  expect(added).toMatchObject({ ok: true });
  expect(await w.run(id, { type: 'roundtable.end' })).toMatchObject({ ok: true });
  expect(await w.sweeper.sweep()).toEqual([]);
  w.later(91 * DAY);
  expect(await w.sweeper.sweep()).toEqual([id]);
  expect((await w.roundtables.peek(id))?.participants.map((p) => p.name)).toEqual(['#1', '#2']);
  expect(await w.sweeper.sweep()).toEqual([]);
});

it('leaves alone a roundtable still running, one that keeps its data, and an archived one', async () => {
  const w = world();
  const runningId = await w.roundtable(false);
  const kept = await w.roundtable();
  expect(await w.run(kept, { type: 'roundtable.setRetention', days: null })).toMatchObject({ ok: true });
  const archived = await w.roundtable();
  await w.store.setArchived(archived, Date.now());
  w.later(3650 * DAY);
  expect(await w.sweeper.sweep()).toEqual([]);
  for (const id of [runningId, kept])
    expect((await w.roundtables.peek(id))?.participants[0]?.name).toBe('Данияр Сапаров');
});

it('uses 90 days unless the moderator sets another period', async () => {
  const w = world();
  const id = await w.roundtable();
  const ended = await w.roundtables.peek(id);
  expect(ended && erasureDueAt(ended)).toBe((ended?.endedAt ?? 0) + 90 * DAY);
});
