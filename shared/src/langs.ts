/** Interface and content languages. Kazakh is written in Cyrillic. Zod-free, so phones load little. */
export const LANGS = ['en', 'ru', 'kk'] as const;
export type Lang = (typeof LANGS)[number];

/** Limits shared by the server (validation) and the client (input maxlength). */
export const LIMITS = {
  title: 200,
  description: 2000,
  name: 100,
  function: 150,
  venue: 200,
  organiser: 200,
  organisers: 10,
  delegationName: 150,
  delegations: 300,
  participants: 5000,
  linkLabel: 80,
  links: 200,
  topic: 140,
} as const;

/** A text given per language. */
export type LocalizedText = Partial<Record<Lang, string>>;

/** Pick the text for a viewer: their language, then the roundtable's languages in order, then any. */
export function localize(t: LocalizedText, lang: Lang, fallbacks: readonly Lang[] = LANGS): string {
  for (const l of [lang, ...fallbacks, ...LANGS]) {
    const v = t[l];
    if (v) return v;
  }
  return '';
}
