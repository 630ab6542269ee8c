import { expect, it } from 'vitest';
import { INVITEE_PROBLEMS } from '@roundtable/shared';
import { enConsole } from '../src/lib/i18n/en.console.js';

// The other languages have the English keys (catalogs.test.ts); English has one text for each problem, and no more.
it('says every problem of a list of invitees, and only those', () => {
  const keys = Object.keys(enConsole).filter((k) => k.startsWith('invitees.problem.'));
  expect(keys.sort()).toEqual(INVITEE_PROBLEMS.map((p) => `invitees.problem.${p}`).sort());
});
