import { z } from 'zod';

import { LANGS, LIMITS, localize, type Lang as LangName } from './langs.js';

export { LANGS, LIMITS, localize };
export const Lang = z.enum(LANGS);
export type Lang = LangName;

/** Something a person can see: not only spaces and invisible format characters (zero-width, direction marks). */
const VISIBLE = /[^\s\p{Cf}]/u;

/** Trimmed, non-empty, bounded text; the message is what a person reads. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // An empty text is min()'s to refuse, once.
    .refine((t) => t === '' || VISIBLE.test(t), 'must not be empty');

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

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id');
export type Id = z.infer<typeof Id>;

/** Milliseconds since the epoch, server clock. */
export const Timestamp = z.number().int().nonnegative();
