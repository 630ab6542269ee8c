import { LANGS, type Lang, type RoundtableInfo } from '@roundtable/shared';

/** The fields that describe a roundtable as a form holds them, shared by "create" and the settings. */
export interface InfoDraft {
  title: Record<Lang, string>;
  description: string;
  startsAt: string;
  timeZone: string;
  venue: string;
  organisers: string[];
  languages: Lang[];
}

export function draftFrom(info: Partial<RoundtableInfo> = {}): InfoDraft {
  return {
    title: { en: info.title?.en ?? '', ru: info.title?.ru ?? '', kk: info.title?.kk ?? '' },
    description: info.description ?? '',
    startsAt: info.startsAt ?? '',
    timeZone: info.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    venue: info.venue ?? '',
    organisers: info.organisers ? [...info.organisers] : [''],
    languages: info.languages ? [...info.languages] : [...LANGS],
  };
}

/** The draft as a command or request body: empty titles and organisers dropped, languages in order. */
export function infoFrom(d: InfoDraft) {
  return {
    title: Object.fromEntries(Object.entries(d.title).filter(([, v]) => v.trim())),
    description: d.description,
    startsAt: d.startsAt || null,
    timeZone: d.timeZone,
    venue: d.venue,
    organisers: d.organisers.map((o) => o.trim()).filter(Boolean),
    languages: LANGS.filter((l) => d.languages.includes(l)),
  };
}
