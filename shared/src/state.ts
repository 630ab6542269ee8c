import { z } from 'zod';
import { Id, Lang, LANGS, LIMITS, Localized, Timestamp, optionalText, text } from './common.js';
import { AgendaItem, ClockTime } from './agenda/schema.js';
import { PROJECTOR_MODES } from './kinds.js';
import { DEFAULT_FLOOR_SETTINGS, Floor, FloorSettings, Speech } from './floor/schema.js';
import { EMPTY_QUEUE, QueueState } from './queue/schema.js';
import { LinkRole, PersonRole } from './roles.js';
import { Series } from './series/schema.js';
import { EMPTY_REVIEW, ReviewState } from './review/schema.js';
import { Poll } from './poll/schema.js';
import { Contributions, NO_CONTRIBUTIONS } from './contribution/schema.js';
import { isTimeZone } from './time.js';
import { Invitation } from './invitees/schema.js';
import { PrivacyNotice, RETENTION_LIMITS, RetentionDays } from './roster/retention.js';
import { INVITEE_LIMITS } from './invitees/kinds.js';
import { Remarks } from './remarks/schema.js';

export const Delegation = z.object({
  id: Id,
  name: text(LIMITS.delegationName),
  defaultLanguage: Lang.nullable(),
});
export type Delegation = z.infer<typeof Delegation>;

/**
 * `pending`: joined from a new device as someone banned (roster/lookalike.ts); waits for a moderator to admit them.
 * `invited`: on the list of invitees (invitees/), expected and not arrived yet.
 */
export const ParticipantStatus = z.enum(['active', 'pending', 'removed', 'banned', 'invited']);
export type ParticipantStatus = z.infer<typeof ParticipantStatus>;

export const Participant = z.object({
  id: Id,
  name: text(LIMITS.name),
  function: optionalText(LIMITS.function),
  delegationId: Id.nullable(),
  language: Lang,
  role: PersonRole,
  status: ParticipantStatus,
  /** When they came onto the roster: joined, added, or imported as an invitee. */
  joinedAt: Timestamp,
  /** The organisers' own, from the list of invitees: only the moderators' view holds them. */
  email: z.string().max(INVITEE_LIMITS.email).optional(),
  note: z.string().max(INVITEE_LIMITS.note).optional(),
  /** Invited to speak: sends the text of their remarks to the interpreters in advance. */
  speaker: z.boolean().optional(),
  /** When an invitee arrived: marked at the desk, or their phone took up their invitation. */
  arrivedAt: Timestamp.optional(),
  /** Their personal invitation, once they have one (invitees/schema.ts). */
  invitation: Invitation.optional(),
  /** When their personal data was erased (roster/erasure.ts): the name is a placeholder, the rest is the record. */
  erasedAt: Timestamp.optional(),
});
export type Participant = z.infer<typeof Participant>;

/** A minted link; its secret is never part of the state, only its hash in the store. */
export const Link = z.object({
  id: Id,
  role: LinkRole,
  label: optionalText(LIMITS.linkLabel),
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export type Link = z.infer<typeof Link>;

export const RoundtableInfo = z.object({
  title: Localized,
  description: optionalText(LIMITS.description),
  /** Local date and time of the event as entered, ISO 8601 without zone (e.g. 2026-12-03T09:30). */
  startsAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'must be a date like 2026-12-03 or 2026-12-03T09:30')
    .nullable(),
  /** IANA time zone of the venue; agenda times and the schedule are shown in it. */
  timeZone: z.string().max(64).refine(isTimeZone, 'is not a known time zone').default('UTC'),
  venue: optionalText(LIMITS.venue),
  organisers: z.array(text(LIMITS.organiser)).max(LIMITS.organisers),
  languages: z
    .array(Lang)
    .min(1, 'needs at least one language')
    .refine((l) => new Set(l).size === l.length, 'lists a language twice'),
});
export type RoundtableInfo = z.infer<typeof RoundtableInfo>;

/** The languages the projector speaks: one stays on screen; several take turns, each for `everySeconds`. */
export const ProjectorLanguages = z
  .object({
    /** In the order they take turns, from the roundtable's languages; none means its first language. */
    shown: z
      .array(Lang)
      .max(LANGS.length)
      .refine((l) => new Set(l).size === l.length, 'lists a language twice'),
    everySeconds: z.number().int().min(5).max(300),
  })
  .strict();
export type ProjectorLanguages = z.infer<typeof ProjectorLanguages>;
export const DEFAULT_PROJECTOR_LANGUAGES: ProjectorLanguages = { shown: [], everySeconds: 10 };

export const ProjectorView = z.object({
  mode: z.enum(PROJECTOR_MODES),
  /** For the break slide: "back at 11:15", in the roundtable's time zone. */
  breakUntil: ClockTime.nullable(),
  /** States stored before the projector spoke chosen languages load with the default. */
  languages: ProjectorLanguages.default(DEFAULT_PROJECTOR_LANGUAGES),
  /** The poll whose chart the `poll` mode shows, and the contribution the `contribution` mode shows. */
  pollId: Id.nullable().default(null),
  contributionId: Id.nullable().default(null),
});
export type ProjectorView = z.infer<typeof ProjectorView>;
export const DEFAULT_PROJECTOR_VIEW: ProjectorView = {
  mode: 'floor',
  breakUntil: null,
  languages: DEFAULT_PROJECTOR_LANGUAGES,
  pollId: null,
  contributionId: null,
};

/** What `projector.show` changes: the fields it names; the others stay as they are. */
export const ProjectorChange = z
  .object({
    mode: ProjectorView.shape.mode.optional(),
    breakUntil: ProjectorView.shape.breakUntil.optional(),
    languages: ProjectorLanguages.optional(),
    pollId: Id.nullable().optional(),
    contributionId: Id.nullable().optional(),
  })
  .strict();
export type ProjectorChange = z.infer<typeof ProjectorChange>;

export const RoundtableState = RoundtableInfo.extend({
  id: Id,
  version: z.number().int().nonnegative(),
  createdAt: Timestamp,
  joinCode: z.string(),
  joinLocked: z.boolean(),
  /** The join code admits nobody new: people come in with their personal invitation, or through the desk. */
  invitationOnly: z.boolean().default(false),
  delegations: z.array(Delegation),
  participants: z.array(Participant),
  links: z.array(Link),
  agenda: z.array(AgendaItem).default([]),
  /** The item on screen now: running, or chosen as next and not yet started. */
  currentItemId: Id.nullable().default(null),
  floorSettings: FloorSettings.default(DEFAULT_FLOOR_SETTINGS),
  queue: QueueState.default(EMPTY_QUEUE),
  floor: Floor.nullable().default(null),
  /** What the projector shows; the moderator switches it remotely. */
  projector: ProjectorView.default(DEFAULT_PROJECTOR_VIEW),
  /** Whether participants and the projector may read the outcome document. */
  documentPublished: z.boolean().default(false),
  /** The speech log: every finished speech, in order. */
  speeches: z.array(Speech).default([]),
  /** The series of editions it belongs to; null in states stored before editions (see seriesOf). */
  series: Series.nullable().default(null),
  /** When the moderator ended it (`roundtable.end`); an ended roundtable is read-only but for its exports. */
  endedAt: Timestamp.nullable().default(null),
  /** The outcome document's review by the delegations (review/schema.ts); states stored before it load with none. */
  review: ReviewState.default(EMPTY_REVIEW),
  /** Quick polls to the room, in the order they were started. */
  polls: z.array(Poll).default([]),
  /** Written contributions from phones, for the rapporteurs' inbox. */
  contributions: Contributions.default(NO_CONTRIBUTIONS),
  /** Speakers' texts sent ahead for the interpreters (remarks/): the moderators' and the booth's alone. */
  remarks: z.array(Remarks).default([]),
  /** When the moderator (or the retention period) erased everyone's personal data; null while it is kept. */
  personalDataErasedAt: Timestamp.nullable().default(null),
  /** Days after it ended before its personal data is erased (roster/retention.ts); null keeps it. */
  retentionDays: RetentionDays.default(RETENTION_LIMITS.defaultDays),
  /** The moderator's privacy notice for the join page; a language left out reads the default. */
  privacyNotice: PrivacyNotice.default({}),
});
export type RoundtableState = z.infer<typeof RoundtableState>;

/** The people and the delegations: the state's, or a view's (the public view holds only the people it names). */
export type Roster = Pick<RoundtableState, 'delegations'> & { participants: readonly Participant[] };
