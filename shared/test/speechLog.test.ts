import { describe, expect, it } from 'vitest';
import { forecast, scheduleNote, speechLimitMs, speechLog, speechLogTotals, zonedTimeToEpoch } from '../src/index.js';
import { astana, Scenario } from './support/roundtable.js';

const MIN = 60_000;

/** Gives `who` the floor for `kind`, lets them speak `minutes`, extends by `extendSeconds`, and ends it. */
function speak(s: Scenario, who: string, kind: 'speech' | 'question' | 'reply', minutes: number, extendSeconds = 0) {
  const { speechId } = s.do({ type: 'floor.give', participantId: who, kind, expectedSpeechId: null });
  if (!speechId) throw new Error('no speech');
  if (extendSeconds) s.do({ type: 'floor.extend', speechId, seconds: extendSeconds });
  s.minutes(minutes);
  s.do({ type: 'floor.end', speechId });
  return speechId;
}

describe('speech log', () => {
  it('lists speeches newest first with their overtime against the limit they had, and each speaker’s totals', () => {
    const s = new Scenario();
    const item = s.item('Cyber', 60);
    s.do({ type: 'agenda.start', itemId: item });
    const [a, b] = [s.person('Aigerim'), s.person('Bruno', 'Frontex')];
    const first = speak(s, a.id, 'speech', 4); // limit 3 min: 1 over
    const second = speak(s, b.id, 'question', 0.5); // limit 1 min: within
    const third = speak(s, a.id, 'speech', 3.5, 60); // limit 3 + 1 min: within, thanks to the extension

    const log = speechLog(s.state);
    expect(log.map((r) => r.speech.id)).toEqual([third, second, first]);
    expect(log.map((r) => r.limitMs)).toEqual([4 * MIN, MIN, 3 * MIN]);
    expect(log.map((r) => r.overtimeMs)).toEqual([0, 0, MIN]);
    expect(log[0]?.speaker).toEqual({ count: 2, ms: 7.5 * MIN });
    expect(log[1]?.speaker).toEqual({ count: 1, ms: 0.5 * MIN });
    expect(speechLogTotals(log)).toEqual({ count: 3, ms: 8 * MIN, overtimeCount: 1, overtimeMs: MIN });
    expect(speechLogTotals([])).toEqual({ count: 0, ms: 0, overtimeCount: 0, overtimeMs: 0 });
  });

  it('measures a speech stored before limits were recorded against the settings for its item and type', () => {
    const s = new Scenario();
    const item = s.item('Cyber', 60);
    s.do({ type: 'agenda.update', itemId: item, fields: { speakingLimits: { speech: 120 } } });
    s.do({ type: 'agenda.start', itemId: item });
    speak(s, s.person('Aigerim').id, 'speech', 2.5);
    const old = s.state.speeches.map(({ limitMs: _, ...rest }) => rest);
    const state = { ...s.state, speeches: old };
    const [first] = old;
    if (!first) throw new Error('no speech');
    expect(speechLimitMs(state, first)).toBe(2 * MIN);
    expect(speechLog(state)[0]?.overtimeMs).toBe(0.5 * MIN);
  });

  it('does not change the state it reads', () => {
    const s = new Scenario();
    const item = s.item('Cyber', 60);
    s.do({ type: 'agenda.start', itemId: item });
    speak(s, s.person('Aigerim').id, 'speech', 1);
    const before = JSON.stringify(s.state);
    for (const speech of s.state.speeches) Object.freeze(speech);
    Object.freeze(s.state.speeches);
    expect(speechLog(s.state)).toHaveLength(1);
    expect(JSON.stringify(s.state)).toBe(before);
  });
});

describe('schedule note', () => {
  const at = (date: string, time: string) => zonedTimeToEpoch(date, time, 'Asia/Almaty');

  it('says when the roundtable starts before its day, even after a rehearsal ran an item', () => {
    const s = new Scenario();
    const [opening] = astana(s);
    s.now = at('2026-12-02', '15:00');
    s.do({ type: 'agenda.start', itemId: opening ?? '' });
    s.minutes(5);
    s.do({ type: 'agenda.finish', itemId: opening ?? '' });
    const fc = forecast(s.state, s.now);
    // The forecast itself would call this hours early.
    expect(fc.overMs).toBeLessThan(-60 * MIN);
    expect(scheduleNote(s.state, fc, s.now)).toEqual({ kind: 'starts', at: at('2026-12-03', '09:30'), timed: true });
  });

  it('speaks of minutes early or late on the day, and says nothing after it', () => {
    const s = new Scenario();
    const [opening, terror] = astana(s);
    s.now = at('2026-12-03', '08:00');
    expect(scheduleNote(s.state, forecast(s.state, s.now), s.now)).toEqual({
      kind: 'onTime',
      end: at('2026-12-03', '13:10'),
      minutes: 0,
    });
    s.now = at('2026-12-03', '09:30');
    s.do({ type: 'agenda.start', itemId: opening ?? '' });
    s.minutes(25);
    s.do({ type: 'agenda.start', itemId: terror ?? '' });
    expect(scheduleNote(s.state, forecast(s.state, s.now), s.now)).toEqual({
      kind: 'late',
      end: at('2026-12-03', '13:15'),
      minutes: 5,
    });
    s.do({ type: 'agenda.skip', itemId: s.state.agenda[2]?.id ?? '' });
    expect(scheduleNote(s.state, forecast(s.state, s.now), s.now)).toMatchObject({ kind: 'early', minutes: 30 });
    s.now = at('2026-12-04', '09:00');
    expect(scheduleNote(s.state, forecast(s.state, s.now), s.now)).toEqual({ kind: 'none' });
  });

  it('gives a start without a time, and always speaks of minutes when the roundtable has no date', () => {
    const dated = new Scenario({ startsAt: '2026-12-03' });
    astana(dated);
    dated.now = at('2026-12-01', '12:00');
    expect(scheduleNote(dated.state, forecast(dated.state, dated.now), dated.now)).toEqual({
      kind: 'starts',
      at: at('2026-12-03', '00:00'),
      timed: false,
    });
    const undated = new Scenario({ startsAt: null });
    astana(undated);
    expect(scheduleNote(undated.state, forecast(undated.state, undated.now), undated.now)).toMatchObject({
      kind: 'onTime',
    });
    const empty = new Scenario();
    expect(scheduleNote(empty.state, forecast(empty.state, empty.now), empty.now)).toEqual({ kind: 'none' });
  });
});
