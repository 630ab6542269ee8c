import { z } from 'zod';

/** Interface and content languages. Kazakh is written in Cyrillic. */
export const LANGS = ['en', 'ru', 'kk'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

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

/** Trimmed, non-empty, bounded text; the message is what a person reads. */
export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** A text given per language; at least one language present. */
export const Localized = z
  .object({ en: optionalText(LIMITS.title), ru: optionalText(LIMITS.title), kk: optionalText(LIMITS.title) })
  .partial()
  .refine(
    (t) => Object.values(t).some((v) => v !== undefined && v.length > 0),
    'needs a text in at least one language',
  );
export type Localized = z.infer<typeof Localized>;

/** Pick the text for a viewer: their language, then the roundtable's languages in order, then any. */
export function localize(t: Localized, lang: Lang, fallbacks: readonly Lang[] = LANGS): string {
  for (const l of [lang, ...fallbacks, ...LANGS]) {
    const v = t[l];
    if (v) return v;
  }
  return '';
}

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id');
export type Id = z.infer<typeof Id>;

/** Milliseconds since the epoch, server clock. */
export const Timestamp = z.number().int().nonnegative();
