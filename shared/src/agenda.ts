import { z } from 'zod';
import { Id, LIMITS, Localized, Timestamp, optionalText } from './common.js';
import { OrderingPolicy, SpeakingLimits } from './queue.js';
import { AGENDA_KINDS } from './kinds.js';

export const AgendaItemKind = z.enum(AGENDA_KINDS);
export type AgendaItemKind = z.infer<typeof AgendaItemKind>;

export const AgendaItemStatus = z.enum(['pending', 'running', 'done', 'skipped']);
export type AgendaItemStatus = z.infer<typeof AgendaItemStatus>;

export const MAX_AGENDA_ITEMS = 100;

/** Wall-clock time in the roundtable's time zone, e.g. "11:15". */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');

/** What a moderator enters for an agenda item (and what import/export carries). */
export const AgendaItemFields = z
  .object({
    title: Localized,
    notes: optionalText(LIMITS.description).default(''),
    kind: AgendaItemKind.default('discussion'),
    plannedMinutes: z.number().int().min(1, 'must be at least 1 minute').max(720, 'must be at most 12 hours'),
    fixedStart: ClockTime.nullable().default(null),
    /** Invited speakers in protocol order (opening remarks, panels): participant ids. */
    invitedSpeakers: z.array(Id).max(50).default([]),
    /** Overrides of the roundtable's speaking limits for this item only. */
    speakingLimits: SpeakingLimits.partial().nullable().default(null),
    orderingPolicy: OrderingPolicy.nullable().default(null),
  })
  .strict();
export type AgendaItemFields = z.infer<typeof AgendaItemFields>;

/** One stretch of time the item was actually running; reopening adds another. */
export const AgendaRun = z.object({ start: Timestamp, end: Timestamp.nullable() });
export type AgendaRun = z.infer<typeof AgendaRun>;

export const AgendaItem = AgendaItemFields.extend({
  id: Id,
  status: AgendaItemStatus,
  runs: z.array(AgendaRun),
  extendedMinutes: z.number().int().nonnegative(),
  /** The roundtable version of this item's last change: how a stale edit is recognised. */
  rev: z.number().int().nonnegative(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/** An agenda as exported and imported: `{ "agenda": [ …items ] }`. */
export const AgendaFile = z.object({ agenda: z.array(AgendaItemFields).max(MAX_AGENDA_ITEMS) });
