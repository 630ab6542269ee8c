// Times as people at the venue read them: every export writes instants in the roundtable's time zone.
import { wallClock, zoneOffset } from '@roundtable/shared';

/** ISO 8601 with the venue's offset, to the second: 2026-12-03T09:31:05+05:00. */
export function isoAtVenue(epochMs: number, timeZone: string): string {
  const p = wallClock(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${zoneOffset(epochMs, timeZone)}`;
}

/**
 * The date and time at the venue in `lang`'s words, with the venue's offset, for a record a reader may
 * check against another clock: "3 December 2026 at 17:45 (UTC+05:00)".
 */
export function dateTimeAtVenue(epochMs: number, timeZone: string, lang: string): string {
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(epochMs);
  return `${when} (UTC${zoneOffset(epochMs, timeZone)})`;
}

/** 09:31:05 at the venue. */
export function clockAtVenue(epochMs: number, timeZone: string): string {
  const p = wallClock(epochMs, timeZone);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** 09:31 at the venue. */
export const hoursMinutesAtVenue = (epochMs: number, timeZone: string): string =>
  clockAtVenue(epochMs, timeZone).slice(0, 5);

/** Whole seconds, the unit every export counts in: a speech of 59.6 s is 60 s. */
export const seconds = (ms: number): number => Math.round(ms / 1000);

/** 7:05, or 1:02:05 past an hour. */
export function duration(ms: number): string {
  const total = seconds(ms);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
