import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Floor,
  QueueState,
  STATE_SHAPE,
  AgendaItem,
  AgendaRun,
  Participant,
  SpeakerRequest,
  StatePatch,
  StateView,
  WireNode,
  follow,
  statePatch,
  viewFor,
  wireDiff,
  wirePatch,
  withRefs,
  withoutRefs,
} from '../src/index.js';
import { Scenario } from './support/roundtable.js';
import { seeded } from './support/seed.js';

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
      seeded(2000),
    );
  }, 60_000);

  it('sends an entry that comes as its differences from the last one held, timestamps as the time between', () => {
    const a = { people: [{ id: 'p1', name: 'Anna', role: 'participant', at: 1796164630915 }] };
    const b = { people: [...a.people, { id: 'p2', name: 'Dana', role: 'participant', at: 1796164631092 }] };
    // Sorted keys: at, id, name, role; role is the template's (bit 3).
    expect(wireDiff(a, b)).toEqual({ people: [0, [8, 177, 'p2', 'Dana']] });
    // A leaving entry is its position in the held list, not its id.
    expect(wireDiff(b, a)).toEqual({ people: [0, 1] });
    expect(wireDiff(b, { people: [b.people[1]] })).toEqual({ people: [0, 0] });
    expect(wireDiff({ people: [] }, b)).toEqual({ people: [0, [a.people[0]], [8, 177, 'p2', 'Dana']] });
    expect(wireDiff(b, { people: [b.people[1], b.people[0]] })).toEqual({ people: [0, ['p2', 'p1']] });
    expect(wireDiff({ floor: null, x: 1 }, { floor: { id: 's' } })).toEqual({ floor: [{ id: 's' }], x: [] });
    // A list without ids: its changed tail by position (a run that ends costs its end).
    const run = { start: 1796164630915, end: null };
    expect(wireDiff({ runs: [run] }, { runs: [{ ...run, end: 1796164631092 }] })).toEqual({
      runs: [1, 0, { end: 1796164631092 }],
    });
    expect(wireDiff({ runs: [] }, { runs: [run] })).toEqual({ runs: [[run]] });
  });

  it('refuses a diff made from a value of another shape', () => {
    expect(() => wirePatch([1, 2], { a: 1 })).toThrow(/not an object/);
    expect(() => wirePatch({}, [0, 'a'])).toThrow(/not a list/);
    expect(() => wirePatch([{ id: 'a' }], [0, ['a', 'b']])).toThrow(/b is neither held nor sent/);
    expect(() => wirePatch([], [0, [3, 'x']])).toThrow(/template/);
    expect(() => wirePatch([{ id: 'a', n: 1 }], [0, [0, 'b']])).toThrow(/fewer values/);
    expect(() => wirePatch([{ id: 'a' }], [0, 1])).toThrow(/no entry at position 1/);
    expect(() => wirePatch([1], [1, 2, 5])).toThrow(/no position 2/);
    expect(() => wirePatch({}, [1, 0, 5])).toThrow(/not a list/);
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
    expect(Object.keys(p[1])).not.toContain('i');
    expect(follow(before, p)).toEqual(after);
  });

  it('carries invitees through every step of their arrival, with a person’s optional keys given or not', () => {
    const s = new Scenario();
    const views: StateView[][] = [];
    const seen = () => views.push([viewFor(s.state, 'moderator'), viewFor(s.state, 'rapporteur')]);
    seen();
    const id = s.invite('Әлихан Бөкейхан', 'OSCE', { email: 'a@gov.kz' });
    seen();
    s.do({ type: 'invitation.setLocked', participantId: id, locked: true });
    seen();
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, { kind: 'visitor', role: 'visitor' });
    seen();
    s.do({ type: 'invitee.update', participantId: id, fields: { email: '', note: 'VIP' } });
    seen();
    for (const [i, pair] of views.entries()) {
      if (i === 0) continue;
      pair.forEach((after, audience) => {
        const before = views[i - 1]?.[audience] as StateView;
        const p = wire(statePatch(before, after)) as StatePatch;
        expect(StatePatch.safeParse(p).success).toBe(true);
        expect(follow(before, p)).toEqual(after);
      });
    }
  });

  it('names the keys of the state, its queue and its floor by one letter, and reads no letter it does not know', () => {
    const inner = STATE_SHAPE.inner ?? {};
    expect(new Set(STATE_SHAPE.keys)).toEqual(new Set(Object.keys(StateView.shape)));
    expect(new Set(inner.queue?.keys)).toEqual(new Set(Object.keys(QueueState.shape)));
    expect(new Set(inner.floor?.keys)).toEqual(new Set(Object.keys(Floor.shape)));
    expect(new Set(inner.agenda?.keys)).toEqual(new Set(Object.keys(AgendaItem.shape)));
    expect(new Set(inner.agenda?.inner?.runs?.keys)).toEqual(new Set(Object.keys(AgendaRun.shape)));
    expect(new Set(inner.queue?.inner?.discussed?.keys)).toEqual(new Set(['speechId', 'itemId']));
    expect(new Set(inner.queue?.inner?.requests?.keys)).toEqual(new Set(Object.keys(SpeakerRequest.shape)));
    expect(new Set(inner.participants?.keys)).toEqual(new Set(Object.keys(Participant.shape)));
    expect(new Set(inner.queueOrder?.keys)).toEqual(new Set(['id', 'reason']));
    const s = new Scenario();
    const item = s.item('Cyber threats', 30);
    s.do({ type: 'agenda.start', itemId: item });
    s.do({ type: 'queue.request', kind: 'speech', topic: 'Border data' }, s.person('Aigerim Bekova').actor);
    const before = viewFor(s.state, 'public');
    s.do({ type: 'floor.next', expectedSpeechId: null });
    const after = viewFor(s.state, 'public');
    const p = wire(statePatch(before, after)) as StatePatch;
    expect(Object.keys(p[1]).every((key) => key.length === 1)).toBe(true);
    expect(JSON.stringify(p[1])).not.toMatch(/"(requests|participantId|startedAt|limitMs|speechId|itemId)"/);
    expect(follow(before, p)).toEqual(after);
    expect(follow(before, [p[0], { ...p[1], Z: 1 }])).toBe('gap');
    // The first request into an empty queue, by a person the phones did not hold: the request, the
    // person and their place in the order come whole, each as its values by place (no key at all).
    s.do({ type: 'floor.end', speechId: s.state.floor?.speechId ?? '' });
    const empty = viewFor(s.state, 'public');
    expect([empty.participants, empty.queue.requests, empty.queueOrder]).toEqual([[], [], []]);
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, s.person('Dana Nurlanovna').actor);
    const first = wire(statePatch(empty, viewFor(s.state, 'public'))) as StatePatch;
    const d = first[1] as { n: unknown[]; s: { a: unknown[] }; y: unknown[] };
    for (const ops of [d.n, d.s.a, d.y]) expect(ops).toEqual([0, [expect.any(Array)]]);
    expect(follow(empty, first)).toEqual(viewFor(s.state, 'public'));
    // A request without its optional last key (`yieldedTo`) comes as its first values; one with it, all of them.
    const waiting = viewFor(s.state, 'public');
    const [request] = waiting.queue.requests;
    if (!request) throw new Error('nobody waiting');
    const yielded = { ...waiting, version: empty.version + 1 };
    yielded.queue = { ...waiting.queue, requests: [{ ...request, yieldedTo: ['r9'] }] };
    const both = [first, wire(statePatch(empty, yielded)) as StatePatch];
    expect(both.map((p) => ((p[1] as typeof d).s.a[1] as unknown[][])[0]?.length)).toEqual([7, 8]);
    expect(follow(empty, both[1] as StatePatch)).toEqual(yielded);
  });
});

describe('the layers of a state patch', () => {
  it('names a value once: a reference reads back as the value, and a string starting with the mark stays itself', () => {
    const strings = fc.constantFrom('^', '^0', '^^x', 'Border data', 'p49t5ZZ2mCbN', '^1', 'en');
    const json = fc.letrec((tie) => ({
      v: fc.oneof(
        strings,
        fc.constantFrom(1796172985366, 180000, -1e7, 3),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(strings, tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(json, (v) => {
        const sent = wire(withRefs(v));
        expect(wire(withoutRefs(sent))).toEqual(wire(v));
      }),
      seeded(1000),
    );
    expect(withRefs({ a: ['p49t5ZZ2mCbN', 'p49t5ZZ2mCbN'], '^x': 1796172985366, b: 1796172985366 })).toEqual({
      a: ['p49t5ZZ2mCbN', '^0'],
      '^^x': 1796172985366,
      b: '^1',
    });
    expect(() => withoutRefs(['^0'])).toThrow(/no value/);
  });

  it('sends a run of the agenda by position, and what changes with every item by letter, for every audience', () => {
    const s = new Scenario();
    const first = s.item('Cyber threats', 30);
    const second = s.item('Border data', 30);
    s.do({ type: 'agenda.start', itemId: first });
    s.do({ type: 'queue.request', kind: 'speech', topic: 'Border data' }, s.person('Aigerim Bekova').actor);
    for (const command of [
      { type: 'floor.next', expectedSpeechId: null },
      { type: 'agenda.start', itemId: second },
    ] as const) {
      const audiences = ['public', 'moderator'] as const;
      const before = audiences.map((audience) => viewFor(s.state, audience));
      s.now += 65_000;
      s.do(command);
      audiences.forEach((audience, i) => {
        const after = viewFor(s.state, audience);
        const p = wire(statePatch(before[i] as StateView, after)) as StatePatch;
        expect(StatePatch.safeParse(p).success).toBe(true);
        expect(JSON.stringify(p[1])).not.toMatch(/"(status|runs|start|end|speechId)"/);
        expect(follow(before[i], p)).toEqual(after);
      });
    }
  });
});
