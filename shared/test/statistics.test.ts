import { describe, expect, it } from 'vitest';
import { speakingStatistics, type SpeechCounts } from '../src/index.js';
import { astana, Scenario } from './support/roundtable.js';

const MIN = 60_000;
const counts = (c: Partial<SpeechCounts>): SpeechCounts => ({
  point_of_order: 0,
  reply: 0,
  speech: 0,
  question: 0,
  opening: 0,
  ...c,
});

/**
 * The morning in Astana: three invited speakers open in protocol order (the first pauses for two minutes,
 * the second runs a minute over), a point of order jumps the queue, a direct reply answers the third and runs
 * half a minute over; then the first discussion starts and its second speaker is still on the floor.
 */
function morning() {
  const s = new Scenario();
  const a = s.person('Aigerim Nurlanovna', 'Europol');
  const b = s.person('Bruno Keller', 'Frontex');
  const c = s.person('Chen Wei', 'OSCE');
  const d = s.person('Dana Serikqyzy', null);
  const [opening = '', extremism = ''] = astana(s);
  s.do({ type: 'agenda.update', itemId: opening, fields: { invitedSpeakers: [a.id, b.id, c.id] } });
  s.do({ type: 'agenda.start', itemId: opening });

  s.do({ type: 'floor.next', expectedSpeechId: null }); // Aigerim: 3 min, a 2-minute pause, 3 min
  s.minutes(3);
  s.do({ type: 'floor.pause', speechId: s.floorId() });
  s.minutes(2);
  s.do({ type: 'floor.resume', speechId: s.floorId() });
  s.minutes(3);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Bruno: 8 min against 7
  s.minutes(2);
  s.do({ type: 'queue.request', kind: 'point_of_order', topic: 'Interpretation' }, d.actor);
  s.minutes(6);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Dana's point of order before Chen: 30 s
  expect(s.state.floor?.participantId).toBe(d.id);
  s.minutes(0.5);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Chen: 5 min
  expect(s.state.floor?.participantId).toBe(c.id);
  s.minutes(1);
  s.do({ type: 'queue.request', kind: 'reply', topic: '' }, a.actor);
  s.minutes(4);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Aigerim's reply: 90 s against 60
  s.minutes(1.5);
  s.do({ type: 'floor.end', speechId: s.floorId() });
  s.do({ type: 'agenda.finish', itemId: opening }); // 23 minutes against 20

  s.do({ type: 'agenda.start', itemId: extremism });
  s.do({ type: 'floor.give', participantId: b.id, kind: 'speech', expectedSpeechId: null });
  s.minutes(2);
  s.do({ type: 'floor.give', participantId: c.id, kind: 'speech', expectedSpeechId: s.floorId() });
  s.minutes(1);
  s.do({ type: 'floor.pause', speechId: s.floorId() });
  s.minutes(1); // Chen is paused on the floor: 1 minute so far
  return { s, a, b, c, d, opening, extremism };
}

describe('speaking statistics', () => {
  it('totals each person’s speeches by type, time, share, average and overtime, the one on the floor up to now', () => {
    const { s, a, b, c, d } = morning();
    const stats = speakingStatistics(s.state, s.now);
    expect(stats.totalMs).toBe(24 * MIN);
    expect(stats.people.map((p) => [p.name, p.totalMs / MIN])).toEqual([
      ['Bruno Keller', 10],
      ['Aigerim Nurlanovna', 7.5],
      ['Chen Wei', 6],
      ['Dana Serikqyzy', 0.5],
    ]);
    const [bruno, aigerim, chen, dana] = stats.people;
    expect(aigerim).toEqual({
      participantId: a.id,
      name: 'Aigerim Nurlanovna',
      delegationId: s.delegation('Europol'),
      speeches: counts({ opening: 1, reply: 1 }),
      count: 2,
      totalMs: 7.5 * MIN,
      share: 7.5 / 24,
      averageMs: 3.75 * MIN,
      overtimeMs: 0.5 * MIN,
    });
    expect(bruno).toMatchObject({ participantId: b.id, speeches: counts({ opening: 1, speech: 1 }), overtimeMs: MIN });
    expect(chen).toMatchObject({ participantId: c.id, count: 2, averageMs: 3 * MIN, overtimeMs: 0 });
    expect(dana).toMatchObject({ participantId: d.id, delegationId: null, speeches: counts({ point_of_order: 1 }) });
    expect(stats.people.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1);
  });

  it('totals delegations, every one of the roster, “no delegation” among them once it speaks', () => {
    const { s } = morning();
    const stats = speakingStatistics(s.state, s.now);
    expect(stats.delegations.map((d) => [d.name, d.totalMs / MIN, d.speakers, d.overtimeMs / MIN])).toEqual([
      ['Frontex', 10, 1, 1],
      ['Europol', 7.5, 1, 0.5],
      ['OSCE', 6, 1, 0],
      ['', 0.5, 1, 0],
    ]);
    expect(stats.delegations[3]).toMatchObject({ delegationId: null, share: 0.5 / 24, averageMs: 0.5 * MIN });
    expect(stats.delegations[0]?.speeches).toEqual(counts({ opening: 1, speech: 1 }));
  });

  it('compares each agenda item’s planned and actual time, with its speakers and each delegation’s time', () => {
    const { s, opening, extremism } = morning();
    const [first, second, third] = speakingStatistics(s.state, s.now).items;
    expect(first).toEqual({
      itemId: opening,
      plannedMs: 20 * MIN,
      actualMs: 23 * MIN,
      start: s.state.agenda[0]?.runs[0]?.start,
      end: s.state.agenda[0]?.runs[0]?.end,
      speeches: 5,
      speakers: 4,
      byDelegation: [
        { delegationId: s.delegation('Frontex'), totalMs: 8 * MIN },
        { delegationId: s.delegation('Europol'), totalMs: 7.5 * MIN },
        { delegationId: s.delegation('OSCE'), totalMs: 5 * MIN },
        { delegationId: null, totalMs: 0.5 * MIN },
      ],
    });
    expect(second).toMatchObject({ itemId: extremism, plannedMs: 35 * MIN, actualMs: 4 * MIN, end: null });
    expect(second).toMatchObject({ speeches: 2, speakers: 2 });
    expect(third).toMatchObject({ actualMs: 0, start: null, end: null, speeches: 0, speakers: 0, byDelegation: [] });
  });

  it('counts the speech on the floor up to now, and its overtime against the limit it has', () => {
    const { s } = morning();
    const id = s.floorId();
    s.do({ type: 'floor.resume', speechId: id });
    s.do({ type: 'floor.extend', speechId: id, seconds: 60 });
    s.minutes(4); // 5 minutes spoken against 3 + 1
    const chen = speakingStatistics(s.state, s.now).people.find((p) => p.name === 'Chen Wei');
    expect(chen).toMatchObject({ totalMs: 10 * MIN, overtimeMs: MIN, speeches: counts({ opening: 1, speech: 1 }) });
  });

  it('is all zeros before anyone speaks', () => {
    const s = new Scenario();
    astana(s);
    const stats = speakingStatistics(s.state, s.now);
    expect(stats.totalMs).toBe(0);
    expect(stats.people).toEqual([]);
    expect(stats.delegations.map((d) => [d.name, d.totalMs, d.share, d.averageMs])).toEqual([
      ['Europol', 0, 0, 0],
      ['Frontex', 0, 0, 0],
      ['OSCE', 0, 0, 0],
    ]);
    expect(stats.items).toHaveLength(8);
  });

  it('does not change the state it reads', () => {
    const { s } = morning();
    const before = JSON.stringify(s.state);
    speakingStatistics(Object.freeze(s.state), s.now);
    expect(JSON.stringify(s.state)).toBe(before);
  });
});
