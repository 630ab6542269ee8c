import { describe, expect, it } from 'vitest';
import { forecast, zonedTimeToEpoch } from '../src/index.js';
import { astana, Scenario, T0 } from './support/roundtable.js';

const MIN = 60_000;
const hhmm = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Almaty' }).format(ms);

describe('time zones', () => {
  it('turns wall-clock times into instants', () => {
    const offset = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Almaty', timeZoneName: 'shortOffset' }).format(T0);
    const hours = Number(/GMT([+-]\d+)/.exec(offset)?.[1] ?? 0);
    expect(zonedTimeToEpoch('2026-12-03', '09:30', 'Asia/Almaty')).toBe(Date.UTC(2026, 11, 3, 9 - hours, 30));
    expect(zonedTimeToEpoch('2026-12-03', '09:30', 'UTC')).toBe(Date.UTC(2026, 11, 3, 9, 30));
    expect(zonedTimeToEpoch('2026-03-29', '12:00', 'Europe/Amsterdam')).toBe(Date.UTC(2026, 2, 29, 10, 0));
    expect(zonedTimeToEpoch('2026-03-28', '12:00', 'Europe/Amsterdam')).toBe(Date.UTC(2026, 2, 28, 11, 0));
  });
});

describe('forecast', () => {
  it('plans the Astana day from 09:30 and projects the same before it starts', () => {
    const s = new Scenario();
    astana(s);
    s.now = zonedTimeToEpoch('2026-12-03', '08:00', 'Asia/Almaty');
    const f = forecast(s.state, s.now);
    expect(f.items.map((i) => hhmm(i.plannedStart))).toEqual([
      '09:30',
      '09:50',
      '10:25',
      '11:00',
      '11:15',
      '11:50',
      '12:20',
      '12:40',
    ]);
    expect(hhmm(f.plannedEnd ?? 0)).toBe('13:10');
    expect(f.items.map((i) => i.projectedStart)).toEqual(f.items.map((i) => i.plannedStart));
    expect(f.overMs).toBe(0);
  });

  it('shifts everything after an item that ran five minutes over', () => {
    const s = new Scenario();
    const [opening, terror] = astana(s);
    s.now = zonedTimeToEpoch('2026-12-03', '09:30', 'Asia/Almaty');
    s.do({ type: 'agenda.start', itemId: opening ?? '' });
    s.minutes(25);
    s.do({ type: 'agenda.start', itemId: terror ?? '' });
    const f = forecast(s.state, s.now);
    expect(hhmm(f.items[1]?.projectedStart ?? 0)).toBe('09:55');
    expect(hhmm(f.items[2]?.projectedStart ?? 0)).toBe('10:30');
    expect(f.overMs).toBe(5 * MIN);
    expect(`projected end ${hhmm(f.projectedEnd ?? 0)}, ${f.overMs / MIN} min over`).toBe(
      'projected end 13:15, 5 min over',
    );
  });

  it('gains the time of a skipped item and loses the time waiting speakers still claim', () => {
    const s = new Scenario();
    const [opening, terror, border] = astana(s);
    s.now = zonedTimeToEpoch('2026-12-03', '09:30', 'Asia/Almaty');
    s.do({ type: 'agenda.start', itemId: opening ?? '' });
    s.do({ type: 'agenda.skip', itemId: border ?? '' });
    expect(forecast(s.state, s.now).overMs).toBe(-35 * MIN);
    s.minutes(20);
    s.do({ type: 'agenda.start', itemId: terror ?? '' });
    s.minutes(33);
    for (let i = 0; i < 4; i++) s.do({ type: 'queue.request', kind: 'speech', topic: '' }, s.person(`P${i}`).actor);
    // Two minutes left but four speeches of three minutes wait: twelve minutes, so ten over for this item.
    expect(forecast(s.state, s.now).overMs).toBe((-35 + 10) * MIN);
  });

  it('holds items with a fixed start', () => {
    const s = new Scenario();
    s.item('Opening', 20);
    s.item('Break', 15, { kind: 'break', fixedStart: '11:15' });
    s.item('Discussion', 30);
    s.now = zonedTimeToEpoch('2026-12-03', '08:00', 'Asia/Almaty');
    const f = forecast(s.state, s.now);
    expect(f.items.map((i) => hhmm(i.plannedStart))).toEqual(['09:30', '11:15', '11:30']);
    expect(hhmm(f.projectedEnd ?? 0)).toBe('12:00');
  });
});
