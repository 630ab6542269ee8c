import { z } from 'zod';
import { optionalText } from '../common.js';

export const RETENTION_LIMITS = { minDays: 1, maxDays: 3650, defaultDays: 90, noticeChars: 3000 } as const;
const DAY_MS = 86_400_000;

/** How long personal data is kept after the roundtable ended, in days; null keeps it until erased by hand. */
export const RetentionDays = z.number().int().min(RETENTION_LIMITS.minDays).max(RETENTION_LIMITS.maxDays).nullable();

/** The roundtable's own privacy notice, per language; a language left empty reads the default text. */
export const PrivacyNotice = z
  .object({
    en: optionalText(RETENTION_LIMITS.noticeChars),
    ru: optionalText(RETENTION_LIMITS.noticeChars),
    kk: optionalText(RETENTION_LIMITS.noticeChars),
  })
  .partial()
  .strict();
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

/**
 * When the retention period erases the roundtable's personal data (server/src/retention.ts): its days after
 * it ended. Null while it runs, when it keeps the data, or once the data was erased since it last ended
 * (reopened and ended again, the people who came meanwhile are erased in their turn).
 */
export function erasureDueAt(rt: {
  endedAt: number | null;
  retentionDays: number | null;
  personalDataErasedAt: number | null;
}): number | null {
  if (rt.endedAt === null || rt.retentionDays === null) return null;
  if (rt.personalDataErasedAt !== null && rt.personalDataErasedAt >= rt.endedAt) return null;
  return rt.endedAt + rt.retentionDays * DAY_MS;
}
