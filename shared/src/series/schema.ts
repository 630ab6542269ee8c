import { z } from 'zod';
import { Id, Timestamp } from '../common.js';

/**
 * Which series of editions a roundtable belongs to: the series' id (its first edition's id), this
 * edition's number, and the edition it was made from.
 */
export const Series = z
  .object({
    id: Id,
    edition: z.number().int().min(1),
    previousId: Id.nullable(),
  })
  .strict();
export type Series = z.infer<typeof Series>;

/**
 * A roundtable's series. States stored before editions existed hold none and are the first edition
 * of a series of their own, named after themselves: exactly what creating them today would record.
 */
export const seriesOf = (state: { id: string; series: Series | null }): Series =>
  state.series ?? { id: state.id, edition: 1, previousId: null };

/** The files of an edition's archive that a moderator of any edition of its series may download. */
export const ARCHIVE_FILES = [
  'minutes.md',
  'minutes.docx',
  'minutes.pdf',
  'document.md',
  'document.docx',
  'document.pdf',
] as const;
export type ArchiveFile = (typeof ARCHIVE_FILES)[number];

/** One edition as the series list shows it (`GET /api/roundtables/:id/series`). */
export const SeriesEdition = z.object({
  roundtableId: Id,
  edition: z.number().int().min(1),
  title: z.object({ en: z.string().optional(), ru: z.string().optional(), kk: z.string().optional() }),
  startsAt: z.string().nullable(),
  timeZone: z.string(),
  venue: z.string(),
  participantCount: z.number().int().nonnegative(),
  ended: z.boolean(),
  /** When its outcome document was finalised (the review's sign-off); null while it is not final. */
  finalisedAt: Timestamp.nullable(),
  /** The edition the list was asked from. */
  current: z.boolean(),
  /** Where the asking moderator downloads this edition's archive: append a file of ARCHIVE_FILES (and `?lang=`). */
  archive: z.string(),
});
export type SeriesEdition = z.infer<typeof SeriesEdition>;

export const SeriesResponse = z.object({ seriesId: Id, editions: z.array(SeriesEdition) });
export type SeriesResponse = z.infer<typeof SeriesResponse>;
