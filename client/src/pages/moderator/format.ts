import { zonedDate } from '@roundtable/shared';
import { i18n } from '../../lib/i18n/index.svelte';
import { venueTime } from '../../lib/venueTime';

/**
 * A moment as the moderator reads it, at the venue: the time if it was the venue's today, otherwise the
 * date in digits (which read the same in every language, unlike Kazakh month names in some browsers) and
 * the time, both in the roundtable's zone on the 24-hour clock.
 */
export function stamp(ms: number, timeZone: string, now: number = Date.now()): string {
  const time = venueTime(ms, timeZone, i18n.lang);
  if (zonedDate(ms, timeZone) === zonedDate(now, timeZone)) return time;
  const day = new Intl.DateTimeFormat(i18n.lang, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone });
  return `${day.format(ms)}, ${time}`;
}
