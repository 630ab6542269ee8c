import { z } from 'zod';
import { Id, LIMITS, Localized, Timestamp, optionalText, text } from '../common.js';
import { OrderingPolicy, SpeakingLimits } from '../floor/schema.js';
import { AGENDA_KINDS } from '../kinds.js';

export const AgendaItemKind = z.enum(AGENDA_KINDS);
export type AgendaItemKind = z.infer<typeof AgendaItemKind>;

export const AgendaItemStatus = z.enum(['pending', 'running', 'done', 'skipped']);
export type AgendaItemStatus = z.infer<typeof AgendaItemStatus>;

export const MAX_AGENDA_ITEMS = 100;

/** Wall-clock time in the roundtable's time zone, e.g. "11:15". */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');

/**
 * An invited speaker by name, function and delegation rather than by roster id: how an exported agenda
 * carries one to another roundtable, and, until that person is in the roster, a placeholder in the
 * protocol order (matched by name and delegation when they join; see invited.ts).
 */
export const NamedSpeaker = z
  .object({
    name: text(LIMITS.name),
    function: optionalText(LIMITS.function).default(''),
    delegation: text(LIMITS.delegationName).nullable().default(null),
  })
  .strict();
export type NamedSpeaker = z.infer<typeof NamedSpeaker>;

/** A participant id (someone in the roster), or a named speaker not in it yet. Older states and files hold only ids. */
export const InvitedSpeaker = z.union([Id, NamedSpeaker]);
export type InvitedSpeaker = z.infer<typeof InvitedSpeaker>;

export const isPlaceholder = (s: InvitedSpeaker): s is NamedSpeaker => typeof s !== 'string';

/** What a moderator enters for an agenda item (and what import/export carries). */
export const AgendaItemFields = z
  .object({
    title: Localized,
    notes: optionalText(LIMITS.description).default(''),
    kind: AgendaItemKind.default('discussion'),
    plannedMinutes: z.number().int().min(1, 'must be at least 1 minute').max(720, 'must be at most 12 hours'),
    fixedStart: ClockTime.nullable().default(null),
    /** Invited speakers in protocol order (opening remarks, panels): participant ids, or named placeholders. */
    invitedSpeakers: z.array(InvitedSpeaker).max(50).default([]),
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

/**
 * An agenda as exported and imported: `{ "agenda": [ …items ] }`. An export names its invited speakers
 * (`NamedSpeaker`), so it imports into any roundtable; an older file's ids still import into their own.
 */
export const AgendaFile = z.object({ agenda: z.array(AgendaItemFields).max(MAX_AGENDA_ITEMS) });
export type AgendaFile = z.infer<typeof AgendaFile>;
