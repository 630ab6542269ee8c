import { describe, expect, it } from 'vitest';
import { enConsole } from '../src/lib/i18n/en.console.js';
import { en as enCore } from '../src/lib/i18n/en.js';
import { kkConsole } from '../src/lib/i18n/kk.console.js';
import { kk as kkCore } from '../src/lib/i18n/kk.js';
import { ruConsole } from '../src/lib/i18n/ru.console.js';
import { ru as ruCore } from '../src/lib/i18n/ru.js';

// Each language in two parts (what phones need, and what only the console pages need), checked whole.
const en: Record<string, string> = { ...enCore, ...enConsole };
const ru = { ...ruCore, ...ruConsole };
const kk = { ...kkCore, ...kkConsole };

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

it('has no empty English text', () => {
  expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
});

it('splits every language the same way: a key is in the core part in every language or in none', () => {
  expect(Object.keys(ruCore).sort()).toEqual(Object.keys(enCore).sort());
  expect(Object.keys(kkCore).sort()).toEqual(Object.keys(enCore).sort());
  expect(Object.keys(enCore).filter((k) => k in enConsole)).toEqual([]);
});
