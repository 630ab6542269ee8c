import { describe, expect, it } from 'vitest';
import { REASONS, paramsOf } from '@roundtable/shared';
import { enConsole } from '../src/lib/i18n/en.console.js';
import { en as enCore } from '../src/lib/i18n/en.js';
import { enRefusals } from '../src/lib/i18n/en.refusals.js';
import { enStart } from '../src/lib/i18n/en.start.js';
import { kkConsole } from '../src/lib/i18n/kk.console.js';
import { kk as kkCore } from '../src/lib/i18n/kk.js';
import { kkRefusals } from '../src/lib/i18n/kk.refusals.js';
import { kkStart } from '../src/lib/i18n/kk.start.js';
import { ruConsole } from '../src/lib/i18n/ru.console.js';
import { ru as ruCore } from '../src/lib/i18n/ru.js';
import { ruRefusals } from '../src/lib/i18n/ru.refusals.js';
import { ruStart } from '../src/lib/i18n/ru.start.js';

// Each language in its parts (what phones need, the console pages, refusals, the start pages), checked whole.
const en: Record<string, string> = { ...enCore, ...enConsole, ...enRefusals, ...enStart };
const ru = { ...ruCore, ...ruConsole, ...ruRefusals, ...ruStart };
const kk = { ...kkCore, ...kkConsole, ...kkRefusals, ...kkStart };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['ru', ru],
  ['kk', kk],
])('the %s catalog', (_name, catalog: Record<string, string>) => {
  it('has exactly the English keys, none empty', () => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(catalog).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('keeps every placeholder of the English text', () => {
    const wrong = Object.entries(en).filter(
      ([k, v]) => placeholders(v).join() !== placeholders(catalog[k] ?? '').join(),
    );
    expect(wrong).toEqual([]);
  });

  it('is translated, not copied: at most the proper names stay the same', () => {
    const same = Object.entries(en)
      .filter(([k, v]) => catalog[k] === v && /[a-z]{4}/.test(v))
      .map(([k]) => k);
    expect(same).toEqual(['app.name']);
  });
});

describe.each([
  ['en', enRefusals],
  ['ru', ruRefusals],
  ['kk', kkRefusals],
])('the %s refusals', (_name, catalog: Record<string, string>) => {
  it('translate every reason the server can give, and nothing else', () => {
    expect(Object.keys(catalog).sort()).toEqual(REASONS.map((r) => `refusal.${r}`).sort());
  });

  it('use only the params the server sends with that reason', () => {
    const unknown = REASONS.flatMap((reason) =>
      placeholders(catalog[`refusal.${reason}`] ?? '')
        .filter((p) => !paramsOf(reason).includes(p as string))
        .map((p) => `${reason}: {${p}}`),
    );
    expect(unknown).toEqual([]);
  });
});

it('has no empty English text', () => {
  expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
});

it('splits every language the same way: a key is in the core part in every language or in none', () => {
  expect(Object.keys(ruCore).sort()).toEqual(Object.keys(enCore).sort());
  expect(Object.keys(kkCore).sort()).toEqual(Object.keys(enCore).sort());
  expect(Object.keys(enCore).filter((k) => k in enConsole || k in enStart)).toEqual([]);
});

describe.each([
  ['en', en],
  ['ru', ru],
  ['kk', kk],
])('the %s agreement poll', (_name, catalog: Record<string, string>) => {
  it('is offered in the console with the words its options then show on the phones', () => {
    const options = ['agree', 'disagree', 'abstain'].map((o) => catalog[`poll.option.${o}`]);
    expect(catalog['moderator.poll.preset.agreement']).toBe(options.join(' / '));
  });
});
