import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LANGS,
  SPEECH_KINDS,
  StatePatch,
  WireMismatch,
  WireNode,
  follow,
  patchVersion,
  statePatch,
  viewFor,
  wireDiff,
  wirePatch,
  type Codes,
  type StateView,
} from '../src/index.js';
import { Scenario } from './support/roundtable.js';
import { seeded } from './support/seed.js';

/** JSON as it travels: a patch is judged by what arrives. */
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));

const CODES: Codes = new Map([
  ['kind', ['speech', 'question', 'reply']],
  ['who', ['d1', 'd2']],
]);
// Coded keys with values in their lists, out of them, and null, in every form a diff takes.
const kind = fc.constantFrom('speech', 'question', 'reply', 'opening', null);
const entry = fc.record(
  {
    id: fc.constantFrom('a', 'b', 'c', 'd'),
    kind,
    who: fc.constantFrom('d1', 'd2', 'd3', null),
    at: fc.constantFrom(1796164630915, 1796164631092),
    n: fc.integer({ min: 0, max: 2 }),
  },
  { requiredKeys: ['id'] },
);
const value = fc.record({
  turn: fc.record({ kind: fc.constantFrom('speech', 'question', 'reply'), n: fc.integer({ min: 0, max: 1 }) }),
  list: fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 4 }),
  runs: fc.array(fc.record({ kind, n: fc.integer({ min: 0, max: 1 }) }, { requiredKeys: [] }), { maxLength: 3 }),
  whole: fc.option(entry, { nil: null }),
});

describe('values of a closed list on the wire', () => {
  it('travel as their place where a key is sent alone, and read back exactly, never longer', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const d = wireDiff(a, b, CODES);
        if (d === undefined) return expect(wire(a)).toEqual(wire(b));
        expect(WireNode.safeParse(wire(d)).success).toBe(true);
        expect(wire(wirePatch(a, wire(d) as WireNode, CODES))).toEqual(wire(b));
        expect(JSON.stringify(d).length).toBeLessThanOrEqual(JSON.stringify(wireDiff(a, b)).length);
        if (a.turn.kind !== b.turn.kind)
          expect((d as { turn: Record<string, unknown> }).turn.kind).toBeTypeOf('number');
      }),
      seeded(2000),
    );
  }, 60_000);

  it('codes a key that changed or came, and an entry that comes against its template, but not a value that comes whole', () => {
    const a = { turn: { kind: 'speech' }, list: [{ id: 'a', kind: 'speech', who: 'd1' }] };
    const b = {
      turn: { kind: 'reply', who: 'd2' },
      list: [...a.list, { id: 'b', kind: 'question', who: 'd3' }, { id: 'c', kind: 'question', who: 'd2' }],
      whole: { kind: 'question' },
    };
    // Sorted keys id, kind, who; the second new entry's template is the first: its kind is the template's (bit 1).
    expect(wireDiff(a, b, CODES)).toEqual({
      turn: { kind: 2, who: 1 },
      list: [0, [0, 'b', 1, 'd3'], [2, 'c', 1]],
      whole: [{ kind: 'question' }],
    });
    expect(wirePatch(a, wire(wireDiff(a, b, CODES)) as WireNode, CODES)).toEqual(b);
    expect(() => wirePatch(a, { turn: { kind: 3 } }, CODES)).toThrow(WireMismatch);
    expect(() => wirePatch(a, { turn: { kind: -1 } }, CODES)).toThrow(/no such place/);
  });
});

/** A room on its first item with one person of Europol waiting, as the phones see it. */
function room() {
  const s = new Scenario();
  s.do({ type: 'agenda.start', itemId: s.item('Cyber threats', 30) });
  s.do({ type: 'queue.request', kind: 'speech', topic: 'Border data' }, s.person('Aigerim Bekova').actor);
  return s;
}

function changed(s: Scenario, change: () => void) {
  const before = viewFor(s.state, 'public');
  change();
  const after = viewFor(s.state, 'public');
  const p = wire(statePatch(before, after)) as StatePatch;
  expect(StatePatch.safeParse(p).success).toBe(true);
  expect(follow(before, p)).toEqual(after);
  return { p, text: JSON.stringify(p), before, after };
}

describe('a state patch', () => {
  it('reads back exactly whatever happens to the people, the requests, their order, the floor and the delegations', () => {
    const base = viewFor(room().state, 'public');
    const ids = base.delegations.map((d) => d.id);
    const at = fc.constantFrom(base.createdAt, base.createdAt + 65_000);
    const person = fc.record({
      id: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
      name: fc.constantFrom('Aigerim', 'Ерлан'),
      function: fc.constantFrom('', 'Expert'),
      delegationId: fc.constantFrom(...ids, 'gone1234', null),
      language: fc.constantFrom(...LANGS),
      role: fc.constantFrom('participant' as const, 'rapporteur' as const),
      status: fc.constant('active' as const),
      joinedAt: at,
    });
    const request = fc.record(
      {
        id: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
        participantId: fc.constantFrom('p1', 'p2'),
        kind: fc.constantFrom(...SPEECH_KINDS),
        topic: fc.constantFrom('', 'Border data'),
        itemId: fc.constant(base.currentItemId ?? ''),
        requestedAt: at,
        replyTo: fc.constantFrom(null, 's1'),
        yieldedTo: fc.array(fc.constantFrom('r1', 'r2'), { maxLength: 2 }),
      },
      { requiredKeys: ['id', 'participantId', 'kind', 'topic', 'itemId', 'requestedAt', 'replyTo'] },
    );
    const floor = fc.record({ kind: fc.constantFrom(...SPEECH_KINDS), topic: fc.constantFrom('', 'Cyber') });
    const change = fc.record({
      delegations: fc.subarray(base.delegations),
      participants: fc.uniqueArray(person, { selector: (p) => p.id, maxLength: 4 }),
      requests: fc.uniqueArray(request, { selector: (r) => r.id, maxLength: 4 }),
      reasons: fc.array(fc.constantFrom('first_come', 'reply'), { minLength: 4, maxLength: 4 }),
      floor: fc.option(floor, { nil: null }),
    });
    const made = (c: typeof change extends fc.Arbitrary<infer T> ? T : never, version: number): StateView => ({
      ...base,
      version,
      delegations: c.delegations,
      participants: c.participants,
      queue: { ...base.queue, requests: c.requests },
      queueOrder: c.requests.map((r, i) => ({ id: r.id, reason: c.reasons[i] as 'first_come' })),
      floor: c.floor && {
        ...{ speechId: 's1', participantId: 'p1', itemId: base.currentItemId, startedAt: base.createdAt },
        ...{ limitMs: 180_000, extendedMs: 0, pauses: [] },
        ...c.floor,
      },
    });
    fc.assert(
      fc.property(change, change, (x, y) => {
        const [a, b] = [made(x, 10), made(y, 11)];
        const p = wire(statePatch(a, b)) as StatePatch;
        expect(StatePatch.safeParse(p).success).toBe(true);
        expect(follow(a, p)).toEqual(b);
      }),
      seeded(1000),
    );
  }, 60_000);

  it('sends a kind, a language and a delegation the phones hold as their places', () => {
    const s = room();
    // Places only grow at their end (shape.ts's rule): a phone of the build before reads them the same.
    expect(SPEECH_KINDS.slice(0, 5)).toEqual(['point_of_order', 'reply', 'speech', 'question', 'opening']);
    expect(LANGS.slice(0, 3)).toEqual(['en', 'ru', 'kk']);
    const osce = s.delegation('OSCE');
    const { participantId } = s.do({
      type: 'participant.add',
      role: 'participant',
      profile: { name: 'Aliya Omarova', function: 'Liaison Officer', delegation: { id: osce }, language: 'kk' },
    });
    const asked = changed(s, () =>
      s.do({ type: 'queue.add', participantId: String(participantId), kind: 'question', topic: 'Data sharing' }),
    );
    for (const sent of ['"question"', '"kk"', osce]) expect(asked.text).not.toContain(sent);
    // The floor moves on from a speech to a question: its kind changes, and travels as its place.
    s.do({ type: 'floor.next', expectedSpeechId: null });
    const next = changed(s, () => s.do({ type: 'floor.next', expectedSpeechId: s.state.floor?.speechId ?? null }));
    expect(next.after.floor?.kind).toBe('question');
    expect(next.text).not.toContain('"question"');
    // A person of a new delegation added and asking in one send window: one patch, made from a version
    // without that delegation, so its id travels as itself (`changed` holds the patched copy to the view).
    const civil = changed(s, () => {
      const added = s.do({
        type: 'participant.add',
        role: 'participant',
        profile: { name: 'Dana', function: '', delegation: { name: 'Civil society' }, language: 'ru' },
      });
      s.do({ type: 'queue.add', participantId: String(added.participantId), kind: 'speech', topic: '' });
    });
    expect(civil.after.participants.at(-1)?.delegationId).toBe(s.delegation('Civil society'));
  });

  it('leaves its version out when it is one on from the version it was made from', () => {
    const s = room();
    const one = changed(s, () => s.do({ type: 'queue.setClosed', closed: true }));
    expect(one.p).toHaveLength(2);
    expect(patchVersion(one.p)).toBe(one.after.version);
    expect(follow(one.after, one.p)).toBe('stale');
    const before = viewFor(s.state, 'public');
    s.do({ type: 'queue.setClosed', closed: false });
    s.do({ type: 'queue.setClosed', closed: true });
    const after: StateView = viewFor(s.state, 'public');
    const spanning = wire(statePatch(before, after)) as StatePatch;
    expect(spanning).toEqual([before.version, expect.any(Object), before.version + 2]);
    expect(follow(before, spanning)).toEqual(after);
    expect(StatePatch.safeParse({ f: before.version, v: after.version, d: {} }).success).toBe(false);
  });
});
