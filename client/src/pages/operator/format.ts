import type { Lang, OperatorRoundtable } from '@roundtable/shared';
import { i18n } from '../../lib/i18n/index.svelte';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * A size as people read it, in their language: "0.4 kB", "840 kB", "12.4 MB" (units of 1,000, as their
 * names say; nothing smaller than a kilobyte, so a column of sizes reads in one unit or two).
 */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = bytes / 1000;
  let unit = 1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value < 100 ? 1 : 0;
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  })
    .format(value)
    .replace(' ', '\u00a0');
}

/** A moment in this browser's time zone. Some browsers lack Kazakh month names and print "M11": digits then. */
export function formatMoment(at: number, lang: Lang): string {
  const options: Intl.DateTimeFormatOptions =
    lang === 'kk'
      ? { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(lang, options).format(at);
}

/** Its title in the page's language; its id when its state cannot be read (what to type to delete it). */
export const titleOf = (row: OperatorRoundtable): string =>
  row.title ? i18n.local(row.title, row.languages) || row.id : row.id;
