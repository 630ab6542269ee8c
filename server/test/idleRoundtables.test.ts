import { pino } from 'pino';
import { afterEach, expect, it, vi } from 'vitest';
import { Roundtables } from '../src/roundtables.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { Scenario } from '../../shared/test/support/roundtable.js';

afterEach(() => {
  vi.useRealTimers();
});

const MINUTE = 60_000;

it('lets go of the roundtables nobody uses, keeps the ones in use, and loads one again when asked', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const store = openSqliteStore(':memory:');
  const roundtables = new Roundtables(store, pino({ level: 'silent' }));
  const ids = Array.from({ length: 50 }, (_, i) => `rt-${i}`);
  for (const [i, id] of ids.entries()) {
    await store.create({ ...new Scenario().state, id, joinCode: `CODE${i}` }, [], []);
    await roundtables.get(id);
  }
  expect(ids.every((id) => roundtables.cached(id) !== undefined)).toBe(true);
  const inUse = (id: string) => id === 'rt-7';

  // Asked for a moment ago: kept, used or not.
  expect(roundtables.forgetIdle(inUse, 10 * MINUTE)).toEqual([]);
  vi.setSystemTime(Date.now() + 11 * MINUTE);
  await roundtables.get('rt-3');
  const forgotten = roundtables.forgetIdle(inUse, 10 * MINUTE);

  expect(forgotten).toHaveLength(48);
  expect(ids.filter((id) => roundtables.cached(id) !== undefined)).toEqual(['rt-3', 'rt-7']);
  // Out of memory, not out of the store.
  expect((await roundtables.get('rt-20'))?.id).toBe('rt-20');
  await store.close();
});
