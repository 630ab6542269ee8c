import { describe, expect, it } from 'vitest';
import { orderQueue, RoundtableState, type Actor } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

/** A discussion with Alice on the floor; `ask` files a request and returns its id. */
function discussion() {
  const s = new Scenario();
  s.do({ type: 'agenda.start', itemId: s.item('Border protection', 35) });
  const ask = (actor: Actor, kind: 'speech' | 'reply' | 'point_of_order' | 'question') => {
    s.minutes(0.1);
    return s.do({ type: 'queue.request', kind, topic: '' }, actor).requestId ?? '';
  };
  const alice = s.person('Alice');
  s.do({ type: 'floor.give', participantId: alice.id, kind: 'speech', expectedSpeechId: null });
  const speech = s.state.floor?.speechId ?? '';
  /** The next in line gets the floor, as the moderator's "next" does. */
  const next = () => s.do({ type: 'floor.next', expectedSpeechId: s.state.floor?.speechId ?? null });
  const give = (requestId: string) => {
    const participantId = s.state.queue.requests.find((r) => r.id === requestId)?.participantId ?? '';
    s.do({
      type: 'floor.give',
      participantId,
      requestId,
      kind: 'speech',
      expectedSpeechId: s.state.floor?.speechId ?? null,
    });
  };
  const order = () => orderQueue(s.state).map((o) => [o.request.id, o.reason]);
  return { s, ask, alice, speech, next, give, order };
}

describe('a direct reply keeps its place until the discussion moves on', () => {
  it('stays first, and says so, while a point of order has the floor (the scenario of issue 14)', () => {
    const { s, ask, next, order, speech } = discussion();
    const [early, replier, chair] = [s.person('Early'), s.person('Replier'), s.person('Chair')];
    const waiting = ask(early.actor, 'speech');
    const reply = ask(replier.actor, 'reply');
    const poo = ask(chair.actor, 'point_of_order');
    expect(order()).toEqual([
      [poo, 'point_of_order'],
      [reply, 'direct_reply'],
      [waiting, 'first_come'],
    ]);
    next();
    expect(s.state.floor?.kind).toBe('point_of_order');
    expect(s.state.queue.requests.find((r) => r.id === reply)?.replyTo).toBe(speech);
    expect(order()).toEqual([
      [reply, 'direct_reply'],
      [waiting, 'first_come'],
    ]);
  });

  it('survives several points of order, and the floor standing empty between them', () => {
    const { s, ask, next, order } = discussion();
    const [waiter, replier, a, b] = [s.person('Waiter'), s.person('Replier'), s.person('A'), s.person('B')];
    const waiting = ask(waiter.actor, 'speech');
    const reply = ask(replier.actor, 'reply');
    ask(a.actor, 'point_of_order');
    next();
    // Asked while the first point of order is heard: a point of order of its own, heard before the reply.
    ask(b.actor, 'point_of_order');
    next();
    s.do({ type: 'floor.end', speechId: s.state.floor?.speechId ?? '' });
    expect(order()).toEqual([
      [reply, 'direct_reply'],
      [waiting, 'first_come'],
    ]);
    next();
    expect(s.state.floor?.participantId).toBe(replier.id);
  });

  it('lapses when a new speech starts, and the phone is told why', () => {
    const { s, ask, give, order } = discussion();
    const [early, replier, late] = [s.person('Early'), s.person('Replier'), s.person('Late')];
    const first = ask(early.actor, 'speech');
    const reply = ask(replier.actor, 'reply');
    const last = ask(late.actor, 'question');
    give(first);
    expect(order()).toEqual([
      [reply, 'earlier_reply'],
      [last, 'first_come'],
    ]);
    // A reply to the new speech is first again; the one to the earlier speech waits like the rest.
    const fresh = ask(s.person('Fresh').actor, 'reply');
    expect(order()[0]).toEqual([fresh, 'direct_reply']);
  });

  it('keeps two replies to the same speech in the order they were asked, through the first one’s turn', () => {
    const { s, ask, next, order, speech } = discussion();
    const [one, two, three, chair] = [s.person('One'), s.person('Two'), s.person('Three'), s.person('Chair')];
    const speaker = ask(s.person('Speaker').actor, 'speech');
    ask(one.actor, 'reply');
    const second = ask(two.actor, 'reply');
    ask(chair.actor, 'point_of_order');
    next();
    next();
    expect(s.state.floor?.participantId).toBe(one.id);
    // A reply asked while a reply is heard answers the speech under discussion, not the reply.
    const third = ask(three.actor, 'reply');
    expect(s.state.queue.requests.find((r) => r.id === third)?.replyTo).toBe(speech);
    expect(order()).toEqual([
      [second, 'direct_reply'],
      [third, 'direct_reply'],
      [speaker, 'first_come'],
    ]);
  });

  it('comes before the next invited speaker; the invited keep their protocol order', () => {
    const s = new Scenario();
    const [first, second, third] = [s.person('First'), s.person('Second'), s.person('Third')];
    const invited = [first.id, second.id, third.id];
    s.do({
      type: 'agenda.start',
      itemId: s.item('Opening remarks', 20, { kind: 'opening', invitedSpeakers: invited }),
    });
    s.do({ type: 'floor.next', expectedSpeechId: null });
    s.minutes(1);
    const replier = s.person('Replier');
    const reply = s.do({ type: 'queue.request', kind: 'reply', topic: '' }, replier.actor).requestId;
    const who = () => orderQueue(s.state).map((o) => [o.request.participantId, o.reason]);
    expect(who()).toEqual([
      [replier.id, 'direct_reply'],
      [second.id, 'invited'],
      [third.id, 'invited'],
    ]);
    // The moderator may keep the programme going: the next opening is a new speech, and the reply lapses.
    const next = s.state.queue.requests.find((r) => r.participantId === second.id);
    s.do({
      type: 'floor.give',
      participantId: second.id ?? '',
      requestId: next?.id,
      kind: 'opening',
      expectedSpeechId: s.state.floor?.speechId ?? null,
    });
    expect(who()).toEqual([
      [third.id, 'invited'],
      [replier.id, 'earlier_reply'],
    ]);
    expect(s.state.queue.requests.some((r) => r.id === reply)).toBe(true);
  });

  it('reads a state stored before replies remembered the discussion, and keeps the reply to the speech on the floor first', () => {
    const { s, ask, order } = discussion();
    const waiting = ask(s.person('Early').actor, 'speech');
    const reply = ask(s.person('Replier').actor, 'reply');
    const stored = JSON.parse(JSON.stringify(s.state)) as { queue: { discussed?: unknown } };
    delete stored.queue.discussed;
    const loaded = RoundtableState.parse(stored);
    expect(loaded.queue.discussed).toBeNull();
    expect(orderQueue(loaded).map((o) => [o.request.id, o.reason])).toEqual(order());
    expect(order()).toEqual([
      [reply, 'direct_reply'],
      [waiting, 'first_come'],
    ]);
  });
});
