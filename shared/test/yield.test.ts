import { describe, expect, it } from 'vitest';
import { orderQueue, yieldTarget, type Actor, type OrderingPolicy } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

/** A running discussion under `policy` with three people asking, in this order, for a speech. */
function three(policy: OrderingPolicy = 'fifo') {
  const s = new Scenario();
  s.do({ type: 'floor.setSettings', settings: { orderingPolicy: policy } });
  s.do({ type: 'agenda.start', itemId: s.item('Cyber threats', 20) });
  const ask = (actor: Actor, kind: 'speech' | 'point_of_order' = 'speech') => {
    s.minutes(0.1);
    return s.do({ type: 'queue.request', kind, topic: '' }, actor).requestId ?? '';
  };
  const [a, b, c] = [s.person('A', 'Europol'), s.person('B', 'Frontex'), s.person('C', 'OSCE')];
  const ids = { a: ask(a.actor), b: ask(b.actor), c: ask(c.actor) };
  const order = () => orderQueue(s.state).map((o) => o.request.id);
  const reasons = () => orderQueue(s.state).map((o) => o.reason);
  return { s, ask, a, b, c, ids, order, reasons };
}

describe('letting the next person go first', () => {
  it('moves one place down per tap and says why', () => {
    const { s, a, ids, order, reasons } = three();
    expect(yieldTarget(orderQueue(s.state), ids.a)).toBe(ids.b);
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.b }, a.actor);
    expect(order()).toEqual([ids.b, ids.a, ids.c]);
    expect(reasons()).toEqual(['first_come', 'yielded', 'first_come']);
    expect(s.lastEvents).toEqual([{ type: 'queue.yielded', requestId: ids.a, to: ids.b }]);
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.c }, a.actor);
    expect(order()).toEqual([ids.b, ids.c, ids.a]);
    expect(yieldTarget(orderQueue(s.state), ids.a)).toBeNull();
  });

  it('never moves up, past the end, a point of order, or someone else’s request', () => {
    const { s, ask, a, b, c, ids } = three();
    const refused = (requestId: string, to: string, actor: Actor) =>
      s.fail({ type: 'queue.yield', requestId, to }, actor);
    expect(refused(ids.b, ids.a, b.actor)).toMatchObject({ code: 'conflict', reason: 'yield_only_back' });
    expect(refused(ids.c, ids.a, c.actor).reason).toBe('nobody_behind');
    expect(refused(ids.c, ids.c, c.actor).reason).toBe('nobody_behind');
    expect(refused(ids.a, ids.b, b.actor).code).toBe('forbidden');
    const poo = ask(c.actor, 'point_of_order');
    expect(yieldTarget(orderQueue(s.state), poo)).toBeNull();
    expect(refused(poo, ids.a, c.actor).reason).toBe('order_cannot_yield');
    s.do({ type: 'queue.withdraw', requestId: ids.c }, c.actor);
    expect(refused(ids.a, ids.c, a.actor).reason).toBe('yield_target_gone');
    expect(yieldTarget(orderQueue(s.state), ids.c)).toBeNull();
    // The last one waiting has nobody to let go first.
    expect(refused(ids.b, ids.a, b.actor).reason).toBe('nobody_behind');
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.b }, a.actor);
    expect(yieldTarget(orderQueue(s.state), ids.a)).toBeNull();
    expect(refused(ids.a, ids.b, a.actor).reason).toBe('nobody_behind');
  });

  it('lets a moderator do it for someone, and passes everyone up to the one named', () => {
    const { s, ids, order } = three();
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.c });
    expect(order()).toEqual([ids.b, ids.c, ids.a]);
    expect(s.state.queue.undo?.label).toBe('let others go first');
  });

  it('stays behind the one it let go first under every policy, as people speak and more ask', () => {
    for (const policy of ['fifo', 'first_time', 'balance'] as const) {
      const { s, ask, a, b, ids, order } = three(policy);
      s.do({ type: 'queue.yield', requestId: ids.a, to: ids.b }, a.actor);
      // B's delegation speaks at length: by the policy alone B would now come last.
      s.do({ type: 'floor.give', participantId: b.id, kind: 'speech', expectedSpeechId: null });
      s.minutes(5);
      s.do({ type: 'floor.end', speechId: s.state.floor?.speechId ?? '' });
      const late = ask(s.person('Late', 'OSCE').actor);
      const now = order();
      expect(now.indexOf(ids.a), policy).toBeGreaterThan(now.indexOf(ids.b));
      expect(now).toContain(late);
    }
  });

  it('lets the other go first in turn without a loop, and gives way to the moderator’s arrangement', () => {
    const { s, a, b, ids, order } = three();
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.b }, a.actor);
    s.do({ type: 'queue.yield', requestId: ids.b, to: ids.a }, b.actor);
    expect(order()).toEqual([ids.a, ids.b, ids.c]);
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.b }, a.actor);
    s.do({ type: 'queue.move', requestId: ids.a, before: ids.b });
    expect(order()).toEqual([ids.a, ids.b, ids.c]);
  });

  it('is the owner’s own: the moderator’s undo neither brings back the old place nor loses the new one', () => {
    const { s, a, ids, order } = three();
    s.do({ type: 'queue.setClosed', closed: true });
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.b }, a.actor);
    s.do({ type: 'queue.undo' });
    expect(s.state.queue.closed).toBe(false);
    expect(order()).toEqual([ids.b, ids.a, ids.c]);
  });

  it('forgets whom it let go first once they have spoken', () => {
    const { s, a, ids, order, reasons } = three();
    s.do({ type: 'queue.yield', requestId: ids.a, to: ids.b }, a.actor);
    s.do({ type: 'floor.next', expectedSpeechId: null });
    expect(order()).toEqual([ids.a, ids.c]);
    expect(reasons()).toEqual(['first_come', 'first_come']);
  });
});
