import { i18n } from '../../lib/i18n/index.svelte';

/**
 * A moment as the moderator reads it: the time if it was today, otherwise the date in digits
 * (which read the same in every language, unlike Kazakh month names in some browsers) and the time.
 */
export function stamp(ms: number, now: number = Date.now()): string {
  if (new Date(ms).toDateString() === new Date(now).toDateString()) return i18n.time(ms);
  const day = new Intl.DateTimeFormat(i18n.lang, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(ms);
  return `${day}, ${i18n.time(ms)}`;
}
