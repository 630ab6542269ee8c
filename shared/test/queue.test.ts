import { describe, expect, it } from 'vitest';
import { estimatedWaitMs, orderQueue, spokenMs, viewFor } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

function running() {
  const s = new Scenario();
  const item = s.item('Border protection', 35);
  s.do({ type: 'agenda.start', itemId: item });
  return { s, item };
}

describe('asking for the floor', () => {
  it('files each kind once per person, and a closed list allows only points of order', () => {
    const { s } = running();
    const p = s.person('Asker');
    s.do({ type: 'queue.request', kind: 'speech', topic: 'Data sharing' }, p.actor);
    expect(s.fail({ type: 'queue.request', kind: 'speech', topic: '' }, p.actor).reason).toBe('already_waiting');
    s.do({ type: 'queue.request', kind: 'question', topic: '' }, p.actor);
    s.do({ type: 'queue.setClosed', closed: true });
    const q = s.person('Late');
    expect(s.fail({ type: 'queue.request', kind: 'speech', topic: '' }, q.actor).reason).toBe('list_closed');
    s.do({ type: 'queue.request', kind: 'point_of_order', topic: '' }, q.actor);
    expect(orderQueue(s.state).map((o) => [o.request.kind, o.reason])).toEqual([
      ['point_of_order', 'point_of_order'],
      ['speech', 'first_come'],
      ['question', 'first_come'],
    ]);
  });

  it('needs an open item, a speaker to reply to, and someone other than yourself', () => {
    const s = new Scenario();
    const p = s.person('Early');
    expect(s.fail({ type: 'queue.request', kind: 'speech', topic: '' }, p.actor).reason).toBe('item_not_started');
    s.do({ type: 'agenda.start', itemId: s.item('A', 10) });
    expect(s.fail({ type: 'queue.request', kind: 'reply', topic: '' }, p.actor).reason).toBe('nothing_to_reply_to');
    s.do({ type: 'floor.give', participantId: p.id, kind: 'speech', expectedSpeechId: null });
    expect(s.fail({ type: 'queue.request', kind: 'reply', topic: '' }, p.actor).reason).toBe('reply_to_self');
    const q = s.person('Replier');
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, q.actor);
    s.minutes(0.1);
    s.do({ type: 'queue.request', kind: 'reply', topic: '' }, q.actor);
    expect(orderQueue(s.state).map((o) => o.reason)).toEqual(['direct_reply', 'first_come']);
  });

  it('lets owners and moderators withdraw, nobody else, and says when a request is gone', () => {
    const { s } = running();
    const a = s.person('A');
    const b = s.person('B');
    const { requestId } = s.do({ type: 'queue.request', kind: 'speech', topic: '' }, a.actor);
    expect(s.fail({ type: 'queue.withdraw', requestId: requestId ?? '' }, b.actor).code).toBe('forbidden');
    s.do({ type: 'queue.withdraw', requestId: requestId ?? '' }, a.actor);
    expect(s.fail({ type: 'queue.withdraw', requestId: requestId ?? '' }, a.actor).code).toBe('not_found');
  });
});

describe('the moderator’s queue actions', () => {
  it('reorders (never a point of order), refuses a stale anchor, and undoes one step', () => {
    const { s } = running();
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((n) => s.person(n));
    const ids = [a, b, c].map((p) => {
      s.minutes(0.1);
      return s.do({ type: 'queue.request', kind: 'speech', topic: '' }, p?.actor).requestId ?? '';
    });
    const poo = s.do({ type: 'queue.request', kind: 'point_of_order', topic: '' }, d?.actor).requestId ?? '';
    expect(s.fail({ type: 'queue.move', requestId: poo, before: null }).code).toBe('conflict');
    s.do({ type: 'queue.move', requestId: ids[2] ?? '', before: ids[0] ?? '' });
    expect(orderQueue(s.state).map((o) => o.reason)).toEqual(['point_of_order', 'manual', 'manual', 'manual']);
    expect(
      orderQueue(s.state)
        .slice(1)
        .map((o) => o.request.id),
    ).toEqual([ids[2], ids[0], ids[1]]);
    s.do({ type: 'queue.withdraw', requestId: ids[1] ?? '' }, b?.actor);
    expect(s.fail({ type: 'queue.move', requestId: ids[2] ?? '', before: ids[1] ?? '' }).code).toBe('stale');
    const late = s.person('Late');
    s.minutes(1);
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, late.actor);
    s.do({ type: 'queue.undo' });
    const order = orderQueue(s.state).map((o) => o.request.participantId);
    expect(order).toEqual([d?.id, a?.id, c?.id, late.id]);
    expect(s.fail({ type: 'queue.undo' }).code).toBe('conflict');
  });
});

describe('the floor', () => {
  it('advances once when "next" is pressed twice against the same floor', () => {
    const { s } = running();
    const [a, b] = [s.person('A'), s.person('B')];
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, a.actor);
    s.minutes(0.1);
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, b.actor);
    s.do({ type: 'floor.next', expectedSpeechId: null });
    const second = s.fail({ type: 'floor.next', expectedSpeechId: null });
    expect(second).toMatchObject({ code: 'stale', reason: 'floor_passed', params: { name: 'A' } });
    expect(s.state.floor?.participantId).toBe(a.id);
    expect(s.state.queue.requests).toHaveLength(1);
  });

  it('times a speech without its pauses and logs it exactly', () => {
    const { s, item } = running();
    const a = s.person('Speaker', 'Frontex');
    s.do({ type: 'queue.request', kind: 'question', topic: 'Drones' }, a.actor);
    s.do({ type: 'floor.next', expectedSpeechId: null });
    const floor = s.state.floor;
    if (!floor) throw new Error('no floor');
    expect(floor.limitMs).toBe(60_000);
    const start = s.now;
    s.minutes(0.5);
    s.do({ type: 'floor.pause', speechId: floor.speechId });
    s.minutes(1);
    s.do({ type: 'floor.resume', speechId: floor.speechId });
    s.minutes(0.5);
    s.do({ type: 'floor.extend', speechId: floor.speechId, seconds: 30 });
    expect(spokenMs(s.state.floor ?? floor, s.now)).toBe(60_000);
    s.do({ type: 'floor.end', speechId: floor.speechId });
    expect(s.state.speeches).toEqual([
      {
        id: floor.speechId,
        participantId: a.id,
        delegationId: s.delegation('Frontex'),
        language: 'en',
        itemId: item,
        kind: 'question',
        topic: 'Drones',
        start,
        end: s.now,
        pauses: [{ start: start + 30_000, end: start + 90_000 }],
        durationMs: 60_000,
        limitMs: 90_000,
      },
    ]);
    expect(s.fail({ type: 'floor.end', speechId: floor.speechId }).code).toBe('stale');
  });

  it('uses per-item limits, estimates the wait, and keeps phones’ views small', () => {
    const s = new Scenario();
    const item = s.item('Cyber', 20);
    s.do({ type: 'agenda.update', itemId: item, fields: { speakingLimits: { speech: 120 } } });
    s.do({ type: 'agenda.start', itemId: item });
    const [a, b] = [s.person('A'), s.person('B')];
    s.person('Not queued');
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, a.actor);
    s.minutes(0.1);
    const { requestId } = s.do({ type: 'queue.request', kind: 'speech', topic: '' }, b.actor);
    s.do({ type: 'floor.next', expectedSpeechId: null });
    expect(s.state.floor?.limitMs).toBe(120_000);
    s.minutes(0.5);
    const pub = viewFor(s.state, 'public');
    expect(estimatedWaitMs(pub, requestId ?? '', s.now)).toBe(90_000);
    expect(pub.participants.map((p) => p.name).sort()).toEqual(['A', 'B']);
    expect(pub.links).toEqual([]);
    expect(pub.speeches).toEqual([]);
    expect(pub.queueOrder).toEqual([{ id: requestId, reason: 'first_come' }]);
    expect(viewFor(s.state, 'rapporteur').participants).toHaveLength(3);
  });
});
