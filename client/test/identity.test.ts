import { beforeEach, expect, it } from 'vitest';
import { joinedAs, rememberParticipant, rememberTitle, type SeenTitle } from '../src/lib/identity.js';

const KEY = 'roundtable.identity.v1';
const stored = new Map<string, string>();
beforeEach(() => {
  stored.clear();
  // identity.ts reads the browser's localStorage; the unit project runs in Node.
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => stored.set(k, v),
    },
  });
});

const seen: SeenTitle = {
  title: { en: 'Roundtable on transnational threats', kk: 'Трансұлттық қатерлер' },
  languages: ['en', 'kk'],
};

it('keeps the title a device joined under, and the newer one the page saw', () => {
  stored.set(KEY, JSON.stringify({ devices: { rt1: { token: 't' } }, links: {} }));
  rememberParticipant('rt1', 'p1', { title: { en: 'Old' }, languages: ['en'] });
  expect(joinedAs('rt1')).toEqual({
    token: 't',
    participantId: 'p1',
    seen: { title: { en: 'Old' }, languages: ['en'] },
  });
  rememberTitle('rt1', seen);
  expect(joinedAs('rt1')?.seen).toEqual(seen);
});

it('gives no title it did not write itself, so a damaged one cannot break the page', () => {
  for (const damaged of [
    null,
    'x',
    5,
    { title: null, languages: ['en'] },
    { title: 'x', languages: ['en'] },
    { title: {} },
  ]) {
    stored.set(
      KEY,
      JSON.stringify({ devices: { rt1: { token: 't', participantId: 'p1', seen: damaged } }, links: {} }),
    );
    expect(joinedAs('rt1'), JSON.stringify(damaged)).toEqual({ token: 't', participantId: 'p1', seen: undefined });
  }
});
