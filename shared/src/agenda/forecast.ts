import type { AgendaItem } from './schema.js';
import { allowedMs, elapsedMs } from './time.js';
import type { RoundtableState } from '../state.js';
import { zonedDate, zonedTimeToEpoch } from '../time.js';
import { queueTimeMs, type QueueTime } from '../queue/waiting.js';

export interface ItemForecast {
  itemId: string;
  /** The schedule as planned: planned durations from the planned start, fixed starts honoured. */
  plannedStart: number;
  plannedEnd: number;
  /** What will happen given what has happened: actual times for the past, projections after now. */
  projectedStart: number;
  projectedEnd: number;
}

export interface Forecast {
  items: ItemForecast[];
  plannedEnd: number | null;
  projectedEnd: number | null;
  /** projectedEnd − plannedEnd: positive means running late. */
  overMs: number;
}

/** What the schedule reads: the plan, the agenda as it ran, and the time the floor still claims. */
type Schedule = Pick<RoundtableState, 'startsAt' | 'timeZone'> & QueueTime;

export interface ForecastOptions {
  /** Speaking time still claimed by the current item's speakers; by default the floor and the queue's limits. */
  waitingSpeechMs?: number;
}

/** When the roundtable was meant to begin: its date and time, or its first actual start, or now. */
function plannedAnchor(state: Schedule, now: number): number {
  const [date, time] = (state.startsAt ?? '').split('T');
  if (date && time) return zonedTimeToEpoch(date, time, state.timeZone);
  return firstStart(state) ?? now;
}

function firstStart(state: Pick<RoundtableState, 'agenda'>): number | null {
  const starts = state.agenda.flatMap((i) => i.runs.map((r) => r.start));
  return starts.length > 0 ? Math.min(...starts) : null;
}

/** A fixed start ("11:15") on the day the schedule runs, in the roundtable's zone. */
function fixedStartAt(state: Pick<RoundtableState, 'timeZone'>, item: AgendaItem, day: number): number | null {
  return item.fixedStart === null
    ? null
    : zonedTimeToEpoch(zonedDate(day, state.timeZone), item.fixedStart, state.timeZone);
}

function projectItem(state: Schedule, item: AgendaItem, t: number, now: number, opts: ForecastOptions) {
  const first = item.runs[0];
  const last = item.runs.at(-1);
  if (item.status === 'skipped') return { start: t, end: t };
  if (item.status === 'done' && first && last?.end != null) return { start: first.start, end: last.end };
  if (item.status === 'running' && first) {
    const left = Math.max(allowedMs(item) - elapsedMs(item, now), opts.waitingSpeechMs ?? 0);
    return { start: first.start, end: now + left };
  }
  const start = Math.max(t, now, fixedStartAt(state, item, t) ?? 0);
  return { start, end: start + allowedMs(item) };
}

/**
 * The schedule of the whole roundtable, planned and projected. Pure: the same state and `now`
 * give the same forecast on the server, on a phone and in a test.
 */
export function forecast(state: Schedule, now: number, options: ForecastOptions = {}): Forecast {
  const opts = { waitingSpeechMs: options.waitingSpeechMs ?? queueTimeMs(state, now) };
  const anchor = plannedAnchor(state, now);
  let planned = anchor;
  // Reality starts when the first item really started, early or late.
  let projected = firstStart(state) ?? anchor;
  const items = state.agenda.map((item): ItemForecast => {
    const plannedStart = Math.max(planned, fixedStartAt(state, item, planned) ?? 0);
    planned = plannedStart + item.plannedMinutes * 60_000;
    const p = projectItem(state, item, projected, now, opts);
    projected = Math.max(projected, p.end);
    return { itemId: item.id, plannedStart, plannedEnd: planned, projectedStart: p.start, projectedEnd: p.end };
  });
  const lastItem = items.at(-1);
  const plannedEnd = lastItem?.plannedEnd ?? null;
  const projectedEnd = items.length > 0 ? projected : null;
  return {
    items,
    plannedEnd,
    projectedEnd,
    overMs: plannedEnd !== null && projectedEnd !== null ? projectedEnd - plannedEnd : 0,
  };
}

/**
 * What the schedule line says: before the roundtable's day, when it starts (minutes early or late
 * against a day that has not come mean nothing: a rehearsal the day before would read "530 min early");
 * on its day, or when it has no date, the projected end and how far it is from the plan, to the minute;
 * after its day, nothing.
 */
export type ScheduleNote =
  | { kind: 'none' }
  | { kind: 'starts'; at: number; timed: boolean }
  | { kind: 'onTime' | 'early' | 'late'; end: number; minutes: number };

export function scheduleNote(
  state: Pick<RoundtableState, 'startsAt' | 'timeZone'>,
  fc: Forecast,
  now: number,
): ScheduleNote {
  if (fc.projectedEnd === null || fc.plannedEnd === null) return { kind: 'none' };
  const [date, time] = (state.startsAt ?? '').split('T');
  if (date) {
    const today = zonedDate(now, state.timeZone);
    // ISO dates compare as strings.
    if (today < date)
      return { kind: 'starts', at: zonedTimeToEpoch(date, time ?? '00:00', state.timeZone), timed: !!time };
    if (today > date) return { kind: 'none' };
  }
  const minutes = Math.round(Math.abs(fc.overMs) / 60_000);
  if (fc.overMs >= 60_000) return { kind: 'late', end: fc.projectedEnd, minutes };
  if (fc.overMs <= -60_000) return { kind: 'early', end: fc.projectedEnd, minutes };
  return { kind: 'onTime', end: fc.projectedEnd, minutes: 0 };
}
