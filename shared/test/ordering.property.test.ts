import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apply,
  orderQueue,
  speakingStats,
  yieldTarget,
  type OrderReason,
  type OrderingPolicy,
  type RequestKind,
} from '../src/index.js';
import { MOD, Scenario } from './support/roundtable.js';
import { seeded } from './support/seed.js';

const DELEGATIONS = ['Europol', 'Frontex', 'OSCE'] as const;
const TYPES: RequestKind[] = ['speech', 'question', 'point_of_order', 'speech'];

interface Plan {
  people: number[];
  spoken: number[];
  asks: { person: number; type: number }[];
  moves: { from: number; to: number }[];
  /** Direct replies, asked while someone has the floor of the discussion. */
  replies: number[];
  /** Requests (by place in the order) whose owners let the next one go first. */
  yields: number[];
  later: number[];
  policy: OrderingPolicy;
}

const plan = fc.record({
  people: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 8 }),
  spoken: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 }),
  asks: fc.array(fc.record({ person: fc.integer({ min: 0, max: 7 }), type: fc.integer({ min: 0, max: 3 }) }), {
    maxLength: 14,
  }),
  moves: fc.array(fc.record({ from: fc.nat(20), to: fc.nat(20) }), { maxLength: 3 }),
  replies: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }),
  yields: fc.array(fc.nat(20), { maxLength: 5 }),
  later: fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }),
  policy: fc.constantFrom<OrderingPolicy>('fifo', 'first_time', 'balance'),
});

/** Builds a roundtable from a plan through apply(): some people have spoken, others ask, the moderator moves some. */
function build(p: Plan) {
  const s = new Scenario();
  s.do({ type: 'floor.setSettings', settings: { orderingPolicy: p.policy } });
  const people = p.people.map((d, i) => s.person(`P${i}`, DELEGATIONS[d] ?? null));
  const who = (n: number) => people[n % people.length];
  const first = s.item('Warm-up', 30);
  s.do({ type: 'agenda.start', itemId: first });
  for (const n of p.spoken) {
    s.minutes(1);
    s.do({
      type: 'floor.give',
      participantId: who(n)?.id ?? '',
      kind: 'speech',
      expectedSpeechId: s.state.floor?.speechId ?? null,
    });
  }
  s.minutes(1 + (p.spoken.length % 3));
  if (s.state.floor) s.do({ type: 'floor.end', speechId: s.state.floor.speechId });
  s.do({ type: 'agenda.start', itemId: s.item('Discussion', 35) });
  if (p.replies.length > 0)
    s.do({ type: 'floor.give', participantId: who(0)?.id ?? '', kind: 'speech', expectedSpeechId: null });
  const ask = (person: number, type: RequestKind) => {
    s.minutes(0.1);
    const actor = who(person)?.actor;
    const out = apply(
      s.state,
      { type: 'queue.request', kind: type, topic: '' },
      { actor: actor ?? MOD, now: s.now, newId: s.newId, baseVersion: s.state.version },
    );
    // A second request of the same kind is refused by design; the queue stays as it was.
    if (out.ok) s.state = out.state;
  };
  for (const a of p.asks) ask(a.person, TYPES[a.type] ?? 'speech');
  for (const n of p.replies) ask(n, 'reply');
  for (const m of p.moves) {
    const movable = orderQueue(s.state).filter((o) => o.request.kind !== 'point_of_order');
    const req = movable[m.from % Math.max(1, movable.length)];
    const before = movable[m.to % Math.max(1, movable.length)];
    if (!req || !before || req.request.id === before.request.id) continue;
    s.do({ type: 'queue.move', requestId: req.request.id, before: before.request.id });
  }
  const arranged = [...s.state.queue.manualOrder];
  const steps: { before: string[]; after: string[]; requestId: string; to: string }[] = [];
  for (const y of p.yields) {
    const order = orderQueue(s.state);
    const o = order[y % Math.max(1, order.length)];
    const to = o && yieldTarget(order, o.request.id);
    const owner = o && s.state.participants.find((x) => x.id === o.request.participantId);
    if (!o || !to || !owner) continue;
    const actor = { kind: 'participant' as const, participantId: owner.id, role: owner.role, pending: false };
    s.do({ type: 'queue.yield', requestId: o.request.id, to }, actor);
    steps.push({ before: order.map((x) => x.request.id), after: ids(s), requestId: o.request.id, to });
  }
  for (const n of p.later) ask(n, 'speech');
  return { s, arranged, steps };
}

const ids = (s: Scenario) => orderQueue(s.state).map((o) => o.request.id);

/** The order of the groups before anyone lets others go first. */
const RANK: Record<OrderReason, number> = {
  point_of_order: 0,
  direct_reply: 1,
  invited: 2,
  manual: 3,
  first_come: 4,
  first_time: 4,
  delegation_least: 4,
  earlier_reply: 4,
  yielded: -1,
};

const settings = seeded(150);

describe('orderQueue properties', () => {
  it('is a permutation of the waiting requests, points of order first, the same every time', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const { s } = build(p);
        const order = orderQueue(s.state);
        const waiting = s.state.queue.requests.filter((r) => r.itemId === s.state.currentItemId);
        expect(order.map((o) => o.request.id).sort()).toEqual(waiting.map((r) => r.id).sort());
        const firstOther = order.findIndex((o) => o.request.kind !== 'point_of_order');
        const lastPoo = order.map((o) => o.request.kind).lastIndexOf('point_of_order');
        expect(firstOther === -1 || lastPoo < firstOther).toBe(true);
        expect(orderQueue(JSON.parse(JSON.stringify(s.state)) as typeof s.state)).toEqual(order);
        // Whoever has not let anyone go first keeps the place of their group.
        const ranks = order.filter((o) => o.reason !== 'yielded').map((o) => RANK[o.reason]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }),
      settings,
    );
  });

  it('keeps the moderator’s arrangement after more requests arrive', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const { s, arranged } = build({ ...p, replies: [], yields: [] });
        const ids = orderQueue(s.state).map((o) => o.request.id);
        const kept = arranged.filter((id) => ids.includes(id));
        expect(ids.filter((id) => kept.includes(id))).toEqual(kept);
      }),
      settings,
    );
  });

  it('follows the policy among requests it orders, with the reason it gives', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const { s } = build({ ...p, moves: [], yields: [] });
        const stats = speakingStats(s.state.speeches);
        const byPolicy = orderQueue(s.state).filter((o) =>
          ['first_come', 'first_time', 'delegation_least'].includes(o.reason),
        );
        if (p.policy === 'first_time') {
          const spoken = byPolicy.map((o) => stats.byParticipant.has(o.request.participantId));
          expect(spoken).toEqual([...spoken].sort((a, b) => Number(a) - Number(b)));
          for (const o of byPolicy)
            expect(o.reason).toBe(stats.byParticipant.has(o.request.participantId) ? 'first_come' : 'first_time');
        }
        if (p.policy === 'balance') {
          const delegationMs = byPolicy.map((o) => {
            const d = s.state.participants.find((x) => x.id === o.request.participantId)?.delegationId;
            return d ? (stats.byDelegation.get(d)?.ms ?? 0) : 0;
          });
          expect(delegationMs).toEqual([...delegationMs].sort((a, b) => a - b));
        }
        if (p.policy === 'fifo') {
          const times = byPolicy.map((o) => o.request.requestedAt);
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
      }),
      settings,
    );
  });

  it('moves whoever lets the next go first down, never up, and keeps them behind under every policy', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const { s, steps } = build(p);
        for (const step of steps) {
          expect(step.after.indexOf(step.requestId)).toBeGreaterThan(step.before.indexOf(step.requestId));
          expect(step.after.indexOf(step.requestId)).toBeGreaterThan(step.after.indexOf(step.to));
        }
        // After more requests arrive, everyone still stands behind all they let go first that still wait.
        const order = ids(s);
        for (const r of s.state.queue.requests.filter((x) => order.includes(x.id)))
          for (const ahead of (r.yieldedTo ?? []).filter((id) => order.includes(id)))
            expect(order.indexOf(r.id)).toBeGreaterThan(order.indexOf(ahead));
      }),
      settings,
    );
  });
});
