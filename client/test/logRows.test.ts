import { describe, expect, it } from 'vitest';
import { viewFor, type PollSetup } from '@roundtable/shared';
import { pollSetup, Scenario } from '../../shared/test/support/roundtable';
import { logRows } from '../src/components/room/logRows';

const setup = (over: Partial<PollSetup> = {}) => pollSetup({ question: 'Agree on the lesson?', ...over });

/** Ana speaks, a poll is asked and closed, Ben speaks, and a second poll is still open. */
function room() {
  const s = new Scenario();
  const item = s.item('Cyber threats', 30);
  s.do({ type: 'agenda.start', itemId: item });
  const ana = s.person('Ana');
  const ben = s.person('Ben', 'Frontex');
  const speak = (participantId: string) => {
    s.do({ type: 'floor.give', participantId, kind: 'speech', expectedSpeechId: null });
    s.minutes(2);
    s.do({ type: 'floor.end', speechId: s.floorId() });
    s.minutes(1);
  };
  speak(ana.id);
  const { pollId = '' } = s.do({ type: 'poll.start', setup: setup() });
  s.do({ type: 'poll.vote', pollId, choices: [0] }, ana.actor);
  s.minutes(1);
  s.do({ type: 'poll.close', pollId });
  s.minutes(1);
  speak(ben.id);
  s.do({ type: 'poll.start', setup: setup({ question: 'Still open' }) });
  return viewFor(s.state, 'moderator');
}

describe('the speech log', () => {
  it('puts a closed poll among the speeches, newest first, where it was asked', () => {
    const rows = logRows(room(), 'en');
    expect(rows.map((r) => (r.kind === 'speech' ? r.name : r.poll.question))).toEqual([
      'Ben',
      'Agree on the lesson?',
      'Ana',
    ]);
    expect(rows[1]).toMatchObject({ kind: 'poll', item: 'Cyber threats', poll: { answered: 1, counts: [1, 0, 0] } });
  });

  it('finds a poll by its question or its item', () => {
    const poll = logRows(room(), 'en').find((r) => r.kind === 'poll');
    expect(poll?.haystack).toContain('agree on the lesson?');
    expect(poll?.haystack).toContain('cyber threats');
  });
});
