import { describe, expect, it } from 'vitest';
import {
  REQUEST_KINDS,
  activeParticipants,
  apply,
  askRefusal,
  askableKinds,
  estimatedWaitMs,
  isActive,
  isMovable,
  orderQueue,
  takesRequests,
  viewFor,
  type RequestKind,
  type StateView,
} from '../src/index.js';
import { Scenario } from './support/roundtable.js';

/** What apply() answers when this person asks for the floor this way: null when it files the request. */
function domainAnswer(s: Scenario, participantId: string, kind: RequestKind): string | null {
  const actor = { kind: 'participant', participantId, role: 'participant', pending: false } as const;
  const out = apply(
    s.state,
    { type: 'queue.request', kind, topic: '' },
    {
      actor,
      now: s.now,
      newId: s.newId,
      baseVersion: s.state.version,
    },
  );
  return out.ok ? null : out.reason;
}

/** The predicate agrees with the domain for every kind, read from the state and from a phone's view alike. */
function expectAgreement(s: Scenario, participantId: string) {
  const phone = viewFor(s.state, 'public');
  for (const kind of REQUEST_KINDS) {
    const answer = domainAnswer(s, participantId, kind);
    expect(askRefusal(s.state, participantId, kind), kind).toBe(answer);
    expect(askRefusal(phone, participantId, kind), `${kind} on a phone`).toBe(answer);
  }
  expect(askableKinds(phone, participantId)).toEqual(
    REQUEST_KINDS.filter((kind) => domainAnswer(s, participantId, kind) === null),
  );
}

describe('which requests a person may file now', () => {
  it('answers as apply() does, step by step through a discussion', () => {
    const s = new Scenario();
    const item = s.item('Border protection', 35);
    const [asker, speaker] = [s.person('Asker'), s.person('Speaker')];
    expect(takesRequests(viewFor(s.state, 'public'))).toBe(false);
    expectAgreement(s, asker.id); // no item on screen
    s.do({ type: 'agenda.setCurrent', itemId: item });
    expect(takesRequests(viewFor(s.state, 'public'))).toBe(true);
    expectAgreement(s, asker.id); // chosen, not started: requests are taken, nobody to reply to
    s.do({ type: 'agenda.start', itemId: item });
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, asker.actor);
    expectAgreement(s, asker.id); // already waiting to speak
    s.do({ type: 'floor.give', participantId: speaker.id, kind: 'speech', expectedSpeechId: null });
    expectAgreement(s, asker.id); // someone to reply to
    expectAgreement(s, speaker.id); // holding the floor: only a point of order
    expect(askableKinds(s.state, speaker.id)).toEqual(['point_of_order']);
    s.do({ type: 'queue.setClosed', closed: true });
    expectAgreement(s, asker.id); // the list is closed
    expect(askRefusal(s.state, asker.id, 'question')).toBe('list_closed');
    s.do({ type: 'agenda.finish', itemId: item });
    expect(takesRequests(s.state)).toBe(false);
    expectAgreement(s, asker.id); // the discussion is over
  });
});

describe('whether a queue entry may move', () => {
  it('pins points of order, as queue.move does', () => {
    const s = new Scenario();
    s.do({ type: 'agenda.start', itemId: s.item('Cyber', 20) });
    const [a, b] = [s.person('A'), s.person('B')];
    const { requestId: order = '' } = s.do({ type: 'queue.request', kind: 'point_of_order', topic: '' }, a.actor);
    const { requestId: speech = '' } = s.do({ type: 'queue.request', kind: 'speech', topic: '' }, b.actor);
    const byId = (id: string) => s.state.queue.requests.find((r) => r.id === id) ?? { kind: 'speech' as const };
    expect(isMovable(byId(order))).toBe(false);
    expect(s.fail({ type: 'queue.move', requestId: order, before: null }).reason).toBe('order_fixed');
    expect(isMovable(byId(speech))).toBe(true);
    s.do({ type: 'queue.move', requestId: speech, before: null });
  });
});

describe('the active participants', () => {
  it('are those in the room: not removed, banned or waiting for approval', () => {
    const s = new Scenario();
    const [here, removed, banned] = [s.person('Here'), s.person('Removed'), s.person('Banned')];
    s.do({ type: 'participant.remove', participantId: removed.id });
    s.do({ type: 'participant.ban', participantId: banned.id });
    s.do(
      {
        type: 'participant.join',
        profile: { name: 'Banned', function: '', delegation: { name: 'Europol' }, language: 'en' },
      },
      { kind: 'visitor', role: 'visitor' },
    );
    expect(s.state.participants.map((p) => p.status)).toEqual(['active', 'removed', 'banned', 'pending']);
    expect(activeParticipants(s.state).map((p) => p.id)).toEqual([here.id]);
    expect(s.state.participants.filter(isActive)).toEqual(activeParticipants(s.state));
    expect(viewFor(s.state, 'moderator').participantCount).toBe(1);
  });
});

describe('a view is not the state', () => {
  it('gives the wait from the order the server computed, and refuses to be ordered again', () => {
    const s = new Scenario();
    s.do({ type: 'agenda.start', itemId: s.item('Cyber', 20) });
    const [a, b] = [s.person('A'), s.person('B')];
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, a.actor);
    const { requestId = '' } = s.do({ type: 'queue.request', kind: 'question', topic: '' }, b.actor);
    const phone: StateView = viewFor(s.state, 'public');
    expect(estimatedWaitMs(phone, requestId, s.now)).toBe(180_000);
    // @ts-expect-error the public view holds part of the roster and none of the speech log
    const reordered = (view: StateView) => orderQueue(view);
    expect(typeof reordered).toBe('function');
  });
});
