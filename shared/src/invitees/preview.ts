import { z } from 'zod';
import { INVITEE_FIELDS } from './columns.js';
import { InviteeFields } from './schema.js';

/**
 * Why a row of a list of invitees cannot be imported, or why the file cannot be read at all. The console
 * says each in the person's language (`invitees.problem.<code>` in the console catalogs).
 */
export const INVITEE_PROBLEMS = [
  /** The file holds a header at most: no row of invitees to import. */
  'no_rows',
  /** No column of the header reads as the invitees' names. */
  'no_name_column',
  /** A second column for a field already read from another: it is ignored. */
  'duplicate_column',
  'missing_name',
  /** Longer than the roundtable keeps (the field says which). */
  'too_long',
  'unknown_language',
  'unknown_role',
  'bad_email',
  /** The same name in the same delegation on an earlier line (`sameAs`). */
  'duplicate_in_file',
  /** The same name in the same delegation is on the roster already. */
  'already_on_list',
  'head_without_delegation',
  /** The row names a new delegation, and the roundtable has as many as it can hold. */
  'too_many_delegations',
  /** The roster cannot take more people. */
  'roundtable_full',
  /** The first row past INVITEE_LIMITS.rows: it and the rows after it are not read. */
  'too_many_rows',
] as const;
export const InviteeProblem = z.enum(INVITEE_PROBLEMS);
export type InviteeProblem = z.infer<typeof InviteeProblem>;

export const InviteeField = z.enum(INVITEE_FIELDS);
export type InviteeField = z.infer<typeof InviteeField>;

/** A line of the file as 1-based rows count in it: the row number a spreadsheet shows. */
const Line = z.number().int().positive();

export const InviteePreviewRow = z.object({
  line: Line,
  /** Exactly what `invitee.import` takes: the preview's rows are the command's `invitees`, in this order. */
  invitee: InviteeFields,
  /** Whether the row's delegation is on the roundtable already, will be added by the import, or is none. */
  delegation: z.enum(['existing', 'new', 'none']),
});
export type InviteePreviewRow = z.infer<typeof InviteePreviewRow>;

export const InviteePreviewProblem = z.object({
  line: Line,
  reason: InviteeProblem,
  /** The field the problem is in, where it is in one. */
  field: InviteeField.optional(),
  /** What the cell said (shortened), where that helps to find it. */
  value: z.string().optional(),
  /** The earlier line a duplicate repeats. */
  sameAs: Line.optional(),
});
export type InviteePreviewProblem = z.infer<typeof InviteePreviewProblem>;

/** A column of the file's header: the field it was read as, or null when the import does not read it. */
export const InviteePreviewColumn = z.object({
  /** 1-based, as a spreadsheet counts its columns (A is 1). */
  column: z.number().int().positive(),
  header: z.string(),
  field: InviteeField.nullable(),
});
export type InviteePreviewColumn = z.infer<typeof InviteePreviewColumn>;

/** What a list of invitees would do to the roundtable, before anything is stored: the answer of the preview. */
export const InviteePreview = z.object({
  rows: z.array(InviteePreviewRow),
  problems: z.array(InviteePreviewProblem),
  columns: z.array(InviteePreviewColumn),
  /** The delegations the import adds, named as their first row names them. */
  newDelegations: z.array(z.string()),
});
export type InviteePreview = z.infer<typeof InviteePreview>;
