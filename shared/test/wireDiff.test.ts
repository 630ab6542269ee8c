import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatePatch, WireNode, follow, statePatch, viewFor, wireDiff, wirePatch } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

/** JSON as it travels: a patch is judged by what arrives, not by object identity or key order. */
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));

// Ids from a small pool, so two random lists share entries, lose some and reorder them; timestamps as integers.
const entry = fc.record(
  {
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__'),
    n: fc.integer({ min: 0, max: 3 }),
    at: fc.constantFrom(1796164630915, 1796164631092, 0, -5),
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
    dup: fc.array(entry, { maxLength: 3 }),
    mixed: fc.array(fc.oneof(entry, fc.integer(), fc.constant(null), fc.constant([])), { maxLength: 3 }),
    floor: fc.option(entry, { nil: null }),
    changes: fc.oneof(fc.constant(1), fc.string({ maxLength: 2 }), ids, fc.constant(null), fc.constant([0, 1])),
  },
  { requiredKeys: ['version'] },
);

/** The same value with every object's keys in reverse order: what a phone's patched copy may hold. */
const reversed = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(reversed);
  if (typeof v !== 'object' || v === null) return v;
  return JSON.parse(
    `{${Object.entries(v)
      .reverse()
      .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(reversed(x))}`)
      .join(',')}}`,
  ) as unknown;
};

describe('the wire diff', () => {
  it('turns a into b through JSON, whatever the key order of the copy it is applied to, and leaves a untouched', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const before = JSON.stringify(a);
        const d = wireDiff(a, b);
        if (d === undefined) return expect(wire(a)).toEqual(wire(b));
        expect(WireNode.safeParse(wire(d)).success).toBe(true);
        expect(wire(wirePatch(a, wire(d) as WireNode))).toEqual(wire(b));
        expect(wire(wirePatch(reversed(a), wire(d) as WireNode))).toEqual(wire(b));
        expect(JSON.stringify(a)).toBe(before);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('sends an entry that comes as its differences from the last one held, timestamps as the time between', () => {
    const a = { people: [{ id: 'p1', name: 'Anna', role: 'participant', at: 1796164630915 }] };
    const b = { people: [...a.people, { id: 'p2', name: 'Dana', role: 'participant', at: 1796164631092 }] };
    // Sorted keys: at, id, name, role; role is the template's (bit 3).
    expect(wireDiff(a, b)).toEqual({ people: [0, [8, 177, 'p2', 'Dana']] });
    expect(wireDiff(b, a)).toEqual({ people: [0, 'p2'] });
    expect(wireDiff({ people: [] }, b)).toEqual({ people: [0, [a.people[0]], [8, 177, 'p2', 'Dana']] });
    expect(wireDiff(b, { people: [b.people[1], b.people[0]] })).toEqual({ people: [0, ['p2', 'p1']] });
    expect(wireDiff({ floor: null, x: 1 }, { floor: { id: 's' } })).toEqual({ floor: [{ id: 's' }], x: [] });
  });

  it('refuses a diff made from a value of another shape', () => {
    expect(() => wirePatch([1, 2], { a: 1 })).toThrow(/not an object/);
    expect(() => wirePatch({}, [0, 'a'])).toThrow(/not a list/);
    expect(() => wirePatch([{ id: 'a' }], [0, ['a', 'b']])).toThrow(/b is neither held nor sent/);
    expect(() => wirePatch([], [0, [3, 'x']])).toThrow(/template/);
    expect(() => wirePatch([{ id: 'a', n: 1 }], [0, [0, 'b']])).toThrow(/fewer values/);
  });

  it('is what a state patch carries, valid for its schema, and it leaves the version out of the diff', () => {
    const s = new Scenario();
    const item = s.item('Cyber threats', 30);
    s.do({ type: 'agenda.start', itemId: item });
    const before = viewFor(s.state, 'public');
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, s.person('Aigerim Bekova').actor);
    const after = viewFor(s.state, 'public');
    const p = wire(statePatch(before, after)) as StatePatch;
    expect(StatePatch.safeParse(p).success).toBe(true);
    expect(Object.keys(p.diff)).not.toContain('version');
    expect(follow(before, p)).toEqual(after);
  });
});
