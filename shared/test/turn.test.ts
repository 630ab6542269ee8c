import { describe, expect, it } from 'vitest';
import { turnOf, viewFor } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

describe("a participant's turn, read from the server's view", () => {
  it('is next when first in the queue order, and holds the floor once given it', () => {
    const s = new Scenario();
    s.do({ type: 'agenda.start', itemId: s.item('Cyber threats', 20) });
    const [a, b, c] = [s.person('A', 'Europol'), s.person('B', 'Frontex'), s.person('C', 'OSCE')];
    const view = () => viewFor(s.state, 'public');
    expect(turnOf(view(), a.id)).toBeNull();
    const ra = s.do({ type: 'queue.request', kind: 'speech', topic: '' }, a.actor).requestId;
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, b.actor);
    expect(turnOf(view(), a.id)).toEqual({ kind: 'next', key: `next:${ra}` });
    expect(turnOf(view(), b.id)).toBeNull();

    // A point of order goes ahead: the one who asked for it is next, and A no longer is.
    const rc = s.do({ type: 'queue.request', kind: 'point_of_order', topic: '' }, c.actor).requestId;
    expect(turnOf(view(), c.id)).toEqual({ kind: 'next', key: `next:${rc}` });
    expect(turnOf(view(), a.id)).toBeNull();

    s.do({ type: 'floor.next', expectedSpeechId: null });
    const speechId = s.state.floor?.speechId;
    expect(turnOf(view(), c.id)).toEqual({ kind: 'floor', key: `floor:${speechId}` });
    expect(turnOf(view(), a.id)).toEqual({ kind: 'next', key: `next:${ra}` });
    expect(turnOf(view(), null)).toBeNull();
  });

  it('follows the order the server sent, whatever the requests array says', () => {
    const s = new Scenario();
    s.do({ type: 'agenda.start', itemId: s.item('Cyber threats', 20) });
    const [a, b] = [s.person('A', 'Europol'), s.person('B', 'Frontex')];
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, a.actor);
    const rb = s.do({ type: 'queue.request', kind: 'speech', topic: '' }, b.actor).requestId ?? '';
    const view = { ...viewFor(s.state, 'public'), queueOrder: [{ id: rb, reason: 'manual' as const }] };
    expect(turnOf(view, b.id)?.kind).toBe('next');
    expect(turnOf(view, a.id)).toBeNull();
  });
});
