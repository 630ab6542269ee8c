import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diff as DiffSchema, diff, follow, patch, statePatch, viewFor, type Diff } from '../src/index.js';
import { Scenario } from './support/roundtable.js';
import { seeded } from './support/seed.js';

/** JSON as it travels: a patch is judged by what arrives, not by object identity or key order. */
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

// Ids from a small pool, so two random lists share entries, lose some and reorder them.
const entry = fc.record(
  {
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__'),
    n: fc.integer({ min: 0, max: 3 }),
    name: fc.constantFrom('Aigerim', 'Ерлан', 'Anna'),
    tags: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
    nested: fc.option(fc.record({ x: fc.integer({ min: 0, max: 2 }) }), { nil: null }),
  },
  { requiredKeys: ['id', 'n'] },
);
const ids = fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 5 });
const value = fc.record(
  {
    version: fc.nat({ max: 5 }),
    title: fc.record({ en: fc.string({ maxLength: 3 }), kk: fc.string({ maxLength: 3 }) }, { requiredKeys: ['en'] }),
    requests: ids,
    people: ids,
    // Lists that cannot be keyed: duplicate ids, plain numbers, a mix.
    dup: fc.array(entry, { maxLength: 3 }),
    numbers: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
    mixed: fc.array(fc.oneof(entry, fc.integer(), fc.constant(null)), { maxLength: 3 }),
    floor: fc.option(entry, { nil: null }),
    changes: fc.oneof(fc.constant(1), fc.string({ maxLength: 2 }), ids, fc.constant(null)),
  },
  { requiredKeys: ['version'] },
);

describe('diff and patch', () => {
  it('patch(a, diff(a, b)) is b, for any two values, and leaves a untouched', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        deepFreeze(a);
        const before = JSON.stringify(a);
        const d = diff(a, b);
        if (d) expect(DiffSchema.safeParse(wire(d)).success).toBe(true);
        const out = d ? patch(a, wire(d) as Diff) : a;
        expect(wire(out)).toEqual(wire(b));
        expect(JSON.stringify(a)).toBe(before);
      }),
      seeded(2000),
    );
  });

  it('finds no difference between equal values, however they were built', () => {
    fc.assert(
      fc.property(value, (a) => {
        expect(diff(a, wire(a))).toBeUndefined();
      }),
      seeded(),
    );
  });

  it('sends a changed entry of a keyed list alone, who left and came, and the whole order only when entries moved', () => {
    const a = {
      people: [
        { id: 'p1', name: 'Anna' },
        { id: 'p2', name: 'Ерлан' },
      ],
    };
    expect(
      diff(a, {
        people: [
          { id: 'p1', name: 'Anna' },
          { id: 'p2', name: 'Ерлан Б.' },
        ],
      }),
    ).toEqual({
      keys: { people: { items: { p2: { keys: { name: { set: 'Ерлан Б.' } } } } } },
    });
    expect(diff(a, { people: [a.people[1], a.people[0]] })).toEqual({
      keys: { people: { items: {}, ids: ['p2', 'p1'] } },
    });
    expect(diff(a, { people: [a.people[1], { id: 'p3', name: 'Dana' }] })).toEqual({
      keys: { people: { items: { p3: { set: { id: 'p3', name: 'Dana' } } }, drop: ['p1'], add: ['p3'] } },
    });
    expect(diff({ x: 1, y: 2 }, { x: 1 })).toEqual({ keys: {}, drop: ['y'] });
  });

  it('refuses a diff made from a value of another shape', () => {
    expect(() => patch([1, 2], { keys: {} })).toThrow(/not an object/);
    expect(() => patch({}, { items: {} })).toThrow(/not a list/);
    expect(() => patch([{ id: 'a' }], { items: {}, ids: ['a', 'b'] })).toThrow(/b is neither held nor sent/);
  });
});

describe('state patches', () => {
  function roomWithQueue() {
    const s = new Scenario();
    const item = s.item('Cyber threats', 30);
    s.do({ type: 'agenda.start', itemId: item });
    const people = Array.from({ length: 12 }, (_, i) => s.person(`Expert ${i}`));
    for (const p of people.slice(0, 10)) s.do({ type: 'queue.request', kind: 'speech', topic: 'Ransomware' }, p.actor);
    /** One of the two people not yet waiting asks for the floor. */
    const ask = (n: 0 | 1, kind: 'speech' | 'question', topic: string) => {
      const asker = people[10 + n];
      if (!asker) throw new Error('no asker');
      s.do({ type: 'queue.request', kind, topic }, asker.actor);
    };
    return { s, ask };
  }

  it('carries a queue change to the public in a fraction of the whole state', () => {
    const { s, ask } = roomWithQueue();
    const before = viewFor(s.state, 'public');
    ask(0, 'question', 'Attribution');
    const after = viewFor(s.state, 'public');
    const p = statePatch(before, after);
    expect(follow(before, wire(p) as typeof p)).toEqual(after);
    expect(JSON.stringify(p).length).toBeLessThan(JSON.stringify(after).length / 3);
  });

  it('applies only to the version it was made from', () => {
    const { s, ask } = roomWithQueue();
    const v1 = viewFor(s.state, 'public');
    ask(1, 'speech', '');
    const v2 = viewFor(s.state, 'public');
    s.do({ type: 'queue.setClosed', closed: true });
    const v3 = viewFor(s.state, 'public');
    const p23 = statePatch(v2, v3);
    expect(follow(v3, p23)).toBe('stale');
    expect(follow(v1, p23)).toBe('gap');
    expect(follow(null, p23)).toBe('gap');
    expect(follow(v2, [p23[0], { s: [0, 'nope'] }])).toBe('gap');
    expect(follow(v2, p23)).toEqual(v3);
  });
});
