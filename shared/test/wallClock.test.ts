import { expect, it } from 'vitest';
import { wallClock, zoneOffset, zonedTimeToEpoch } from '../src/index.js';

it('reads the wall clock and the offset of a zone at an instant, west and east of UTC, on the half hour', () => {
  const at = Date.UTC(2026, 11, 3, 4, 5, 6);
  expect(wallClock(at, 'Asia/Almaty')).toEqual({
    year: '2026',
    month: '12',
    day: '03',
    hour: '09',
    minute: '05',
    second: '06',
  });
  expect(zoneOffset(at, 'Asia/Almaty')).toBe('+05:00');
  expect(zoneOffset(at, 'UTC')).toBe('+00:00');
  expect(zoneOffset(at, 'America/St_Johns')).toBe('-03:30');
  expect(zoneOffset(at, 'Asia/Kolkata')).toBe('+05:30');
  // Midnight is 00 on a 24-hour clock, not 24.
  expect(wallClock(Date.UTC(2026, 11, 2, 19, 0, 0), 'Asia/Almaty').hour).toBe('00');
  // Summer time: the offset is the one of that instant.
  expect(zoneOffset(zonedTimeToEpoch('2026-07-01', '12:00', 'Europe/Brussels'), 'Europe/Brussels')).toBe('+02:00');
});
