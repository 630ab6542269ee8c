import { flushSync } from 'svelte';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Clock, formatDuration } from '../src/lib/clock.svelte';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A server clock 10 s ahead of this device, read through a spy so each reading is counted. */
const serverClock = () => vi.fn(() => Date.now() + 10_000);

it('reads the server clock directly when nothing tracks it, and starts no timer', () => {
  const serverNow = serverClock();
  const clock = new Clock(serverNow);
  expect(clock.now).toBe(Date.now() + 10_000);
  vi.advanceTimersByTime(1000);
  expect(clock.now).toBe(Date.now() + 10_000);
  expect(vi.getTimerCount()).toBe(0);
});

it('ticks every interval while an effect reads it, every reader seeing the same instant, and stops with the last', () => {
  const clock = new Clock(serverClock(), 250);
  const seen: number[][] = [];
  const stopFirst = $effect.root(() => {
    $effect(() => void seen.push([clock.now, clock.now]));
  });
  const stopSecond = $effect.root(() => {
    $effect(() => void clock.now);
  });
  flushSync();
  const start = Date.now() + 10_000;
  expect(seen).toEqual([[start, start]]);
  expect(vi.getTimerCount()).toBe(1);

  vi.advanceTimersByTime(249);
  flushSync();
  expect(seen).toHaveLength(1);
  vi.advanceTimersByTime(1);
  flushSync();
  expect(seen.at(-1)).toEqual([start + 250, start + 250]);
  // Effects run once per flush: two ticks before one flush show the later instant only.
  vi.advanceTimersByTime(250);
  flushSync();
  vi.advanceTimersByTime(500);
  flushSync();
  expect(seen.map(([now]) => now)).toEqual([start, start + 250, start + 500, start + 1000]);

  stopFirst();
  expect(vi.getTimerCount()).toBe(1);
  stopSecond();
  flushSync();
  expect(vi.getTimerCount()).toBe(0);
});

it('formats durations as m:ss, h:mm:ss past an hour, with a minus sign in overtime', () => {
  expect(formatDuration(0)).toBe('0:00');
  expect(formatDuration(65_900)).toBe('1:05');
  expect(formatDuration(3_723_000)).toBe('1:02:03');
  expect(formatDuration(-5_000)).toBe('−0:05');
});
