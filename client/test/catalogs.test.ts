import { describe, expect, it } from 'vitest';
import { en } from '../src/lib/i18n/en.js';
import { kk } from '../src/lib/i18n/kk.js';
import { ru } from '../src/lib/i18n/ru.js';

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
