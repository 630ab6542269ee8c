import { describe, expect, it } from 'vitest';
import { confirmsDeletion } from '../src/instance/schema.js';

const row = { id: 'k3Jd9xQ2aL7p', title: { en: 'Roundtable on borders', ru: 'Круглый стол о границах', kk: '' } };

describe('confirming a deletion', () => {
  it('takes the title in any of its languages, or the id, with spaces as typed', () => {
    expect(confirmsDeletion(row, 'Roundtable on borders')).toBe(true);
    expect(confirmsDeletion(row, '  Круглый  стол о границах ')).toBe(true);
    expect(confirmsDeletion(row, 'k3Jd9xQ2aL7p')).toBe(true);
    // The same letters composed another way (é as one character or as e + accent) are the same title.
    expect(confirmsDeletion({ id: 'x', title: { en: 'Caf\u00e9 talks' } }, 'Cafe\u0301 talks')).toBe(true);
  });

  it('refuses anything else: part of it, another case, nothing, an empty language', () => {
    expect(confirmsDeletion(row, 'Roundtable')).toBe(false);
    expect(confirmsDeletion(row, 'roundtable on borders')).toBe(false);
    expect(confirmsDeletion(row, '')).toBe(false);
    expect(confirmsDeletion(row, '   ')).toBe(false);
    expect(confirmsDeletion({ id: 'x', title: { en: '' } }, '')).toBe(false);
  });

  it('takes the id alone when the title cannot be read', () => {
    expect(confirmsDeletion({ id: 'k3Jd9xQ2aL7p', title: null }, 'k3Jd9xQ2aL7p')).toBe(true);
    expect(confirmsDeletion({ id: 'k3Jd9xQ2aL7p', title: null }, 'null')).toBe(false);
  });
});
