import { localize, zonedTimeToEpoch, type Lang, type RoundtableState } from '@roundtable/shared';

/** The few words an exported document needs around its content, in each interface language. */
const LABELS = {
  en: { document: 'Outcome document', organisers: 'Organisers', venue: 'Venue', date: 'Date', printed: 'Printed' },
  ru: {
    document: 'Итоговый документ',
    organisers: 'Организаторы',
    venue: 'Место',
    date: 'Дата',
    printed: 'Распечатано',
  },
  kk: {
    document: 'Қорытынды құжат',
    organisers: 'Ұйымдастырушылар',
    venue: 'Өтетін орны',
    date: 'Күні',
    printed: 'Басып шығарылды',
  },
} satisfies Record<Lang, Record<string, string>>;

export type ExportLabels = (typeof LABELS)['en'];

/** What heads every export: the roundtable's title, organisers, venue and date, in the chosen language. */
export interface ExportHeader {
  lang: Lang;
  labels: ExportLabels;
  title: string;
  organisers: string[];
  venue: string;
  /** The event's date (and time, as entered at the venue), written out in the chosen language. */
  date: string | null;
  /** The venue's time zone, for anything stamped now (the print date). */
  timeZone: string;
}

/** `?lang=` when it is one of the roundtable's languages, else the roundtable's first. */
export function exportLanguage(state: RoundtableState, requested: unknown): Lang {
  const wanted = state.languages.find((l) => l === requested);
  return wanted ?? state.languages[0] ?? 'en';
}

export function exportHeader(state: RoundtableState, lang: Lang): ExportHeader {
  return {
    lang,
    labels: LABELS[lang],
    title: localize(state.title, lang, state.languages),
    organisers: state.organisers,
    venue: state.venue,
    date: state.startsAt ? formatDate(state.startsAt, state.timeZone, lang) : null,
    timeZone: state.timeZone,
  };
}

/** The start as people at the venue read it: `startsAt` is local to the roundtable's time zone. */
function formatDate(startsAt: string, timeZone: string, lang: Lang): string {
  const [day = '', time] = startsAt.split('T');
  if (time) {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
      zonedTimeToEpoch(day, time, timeZone),
    );
  }
  // A date alone has no instant: noon UTC of that day reads as that day in every language.
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d, 12));
}

/** A file name from the title: letters of any script kept, the rest folded to dashes. */
export function exportFileName(header: ExportHeader, extension: string): string {
  const stem = header.title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${stem || 'outcome-document'}.${extension}`;
}

/** Content-Disposition for a download, with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const extension = /\.[a-z]+$/.exec(fileName)?.[0] ?? '';
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '');
  const fallback = /[A-Za-z0-9]/.test(ascii.slice(0, ascii.length - extension.length))
    ? ascii
    : `outcome-document${extension}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
