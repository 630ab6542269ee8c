import { z } from 'zod';
import { Id, Lang, LIMITS, optionalText, text, Timestamp } from './common.js';
import { AgendaItemFields, MAX_AGENDA_ITEMS } from './agenda/schema.js';
import { FloorSettings, SpeechKind } from './floor/schema.js';
import { RequestKind } from './queue/schema.js';
import { LinkRole, PersonRole } from './roles.js';
import { ProjectorChange, RoundtableInfo } from './state.js';
import { REVIEW_ANSWERS, REVIEW_TEXT_MAX } from './review/rules.js';
import { SectionId } from './review/schema.js';
import { PollSetup } from './poll/schema.js';
import { POLL_LIMITS } from './poll/rules.js';
import { InviteeFields } from './invitees/schema.js';
import { INVITEE_LIMITS } from './invitees/kinds.js';
import { REMARKS_LIMITS } from './remarks/rules.js';
import { PrivacyNotice, RetentionDays } from './roster/retention.js';
import { CONTRIBUTION_LIMITS, CONTRIBUTION_STATUSES, CONTRIBUTION_TOPICS } from './contribution/rules.js';

/** A delegation chosen from the list, or a new one typed by the person joining. */
export const DelegationChoice = z.union([
  z.object({ id: Id }).strict(),
  z.object({ name: text(LIMITS.delegationName) }).strict(),
]);
export type DelegationChoice = z.infer<typeof DelegationChoice>;

export const ProfileFields = z.object({
  name: text(LIMITS.name),
  function: optionalText(LIMITS.function),
  delegation: DelegationChoice.nullable(),
  language: Lang,
});
export type ProfileFields = z.infer<typeof ProfileFields>;

/** A command schema; `type` names the command, so no field of a command is called `type`. */
const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ ...shape, type: z.literal(type) }).strict();

export const Command = z.discriminatedUnion('type', [
  cmd('roundtable.update', { info: RoundtableInfo.partial().strict() }),
  /** Ends the roundtable: from then on it is read-only for everyone but its exports (can.ts, WHILE_ENDED). */
  cmd('roundtable.end', {}),
  cmd('roundtable.reopen', {}),
  /** Erases everyone's name, function, e-mail and note (roster/erasure.ts); speeches keep delegation, type and times. */
  cmd('roundtable.erasePersonalData', {}),
  /** A person deletes their own profile from their phone: erased like above, out of the room, signed out. */
  cmd('participant.forget', { participantId: Id }),
  /** Days after the end before personal data is erased automatically; null keeps it until erased by hand. */
  cmd('roundtable.setRetention', { days: RetentionDays }),
  cmd('roundtable.setPrivacyNotice', { notice: PrivacyNotice }),
  cmd('delegation.add', { name: text(LIMITS.delegationName), defaultLanguage: Lang.nullable().default(null) }),
  cmd('delegation.update', {
    delegationId: Id,
    name: text(LIMITS.delegationName),
    defaultLanguage: Lang.nullable(),
  }),
  cmd('delegation.remove', { delegationId: Id }),
  /** Built by the server from a join request; `returning` is set by the server for a known device. */
  cmd('participant.join', { profile: ProfileFields, returning: Id.optional() }),
  cmd('participant.add', { profile: ProfileFields, role: PersonRole.default('participant') }),
  cmd('participant.update', { participantId: Id, profile: ProfileFields.partial().strict() }),
  cmd('participant.setRole', { participantId: Id, role: PersonRole }),
  cmd('participant.remove', { participantId: Id }),
  cmd('participant.ban', { participantId: Id }),
  cmd('participant.readmit', { participantId: Id }),
  cmd('joining.setLocked', { locked: z.boolean() }),
  cmd('link.create', { role: LinkRole, label: optionalText(LIMITS.linkLabel).default('') }),
  cmd('link.revoke', { linkId: Id }),
  /** `after`: the item to place it after; null puts it first; absent puts it last. */
  cmd('agenda.add', { fields: AgendaItemFields, after: Id.nullable().optional() }),
  cmd('agenda.update', { itemId: Id, fields: AgendaItemFields.partial().strict() }),
  cmd('agenda.remove', { itemId: Id }),
  cmd('agenda.move', { itemId: Id, after: Id.nullable() }),
  cmd('agenda.duplicate', { itemId: Id }),
  cmd('agenda.import', {
    items: z.array(AgendaItemFields).max(MAX_AGENDA_ITEMS),
    mode: z.enum(['replace', 'append']),
  }),
  cmd('agenda.setCurrent', { itemId: Id.nullable() }),
  cmd('agenda.start', { itemId: Id }),
  cmd('agenda.finish', { itemId: Id }),
  cmd('agenda.skip', { itemId: Id }),
  cmd('agenda.extend', { itemId: Id, minutes: z.number().int().min(1).max(120) }),
  cmd('agenda.reopen', { itemId: Id }),
  cmd('queue.request', { kind: RequestKind, topic: optionalText(LIMITS.topic).default('') }),
  cmd('queue.add', { participantId: Id, kind: RequestKind, topic: optionalText(LIMITS.topic).default('') }),
  cmd('queue.withdraw', { requestId: Id }),
  /** `before`: the request to place it before; null puts it last. */
  cmd('queue.move', { requestId: Id, before: Id.nullable() }),
  /** Lets `to`, and everyone between, go first: the request moves down to just behind it (never up). */
  cmd('queue.yield', { requestId: Id, to: Id }),
  cmd('queue.setClosed', { closed: z.boolean() }),
  cmd('queue.undo', {}),
  /** `expectedSpeechId`: the speech on the floor when the moderator pressed; a second press is then stale. */
  cmd('floor.next', { expectedSpeechId: Id.nullable() }),
  cmd('floor.give', {
    participantId: Id,
    requestId: Id.optional(),
    kind: SpeechKind.default('speech'),
    expectedSpeechId: Id.nullable(),
  }),
  cmd('floor.pause', { speechId: Id }),
  cmd('floor.resume', { speechId: Id }),
  cmd('floor.extend', { speechId: Id, seconds: z.number().int().min(5).max(1800) }),
  cmd('floor.end', { speechId: Id }),
  cmd('floor.setSettings', { settings: FloorSettings.partial().strict() }),
  cmd('document.setPublished', { published: z.boolean() }),
  /** Changes what the projector shows: its mode (with the break's end), its languages, or both. */
  cmd('projector.show', { view: ProjectorChange }),
  /** Marks a person head of their delegation: they answer for it in a review of the outcome document. */
  cmd('participant.setHead', { participantId: Id, head: z.boolean() }),
  /** Lets every participant answer for their delegation, not its head alone. */
  cmd('review.allowEveryone', { allowed: z.boolean() }),
  /** Freezes the outcome document for the delegations to answer until `deadline` (server time, ms). */
  cmd('review.open', { deadline: Timestamp }),
  /** A delegation's answer to one section; a comment or an objection says why. */
  cmd('review.respond', {
    sectionId: SectionId,
    response: z.enum(REVIEW_ANSWERS),
    text: optionalText(REVIEW_TEXT_MAX).default(''),
  }),
  /** Opens the document for writing again, to address the answers; the next round opens with review.open. */
  cmd('review.reopen', {}),
  /** Freezes the reviewed draft for good, stamped with the time and the endorsing delegations. */
  cmd('review.finalise', {}),
  /** Asks the room a quick question on the current item; one poll runs at a time. */
  cmd('poll.start', { setup: PollSetup }),
  /** A person's vote (or their delegation's), by option number; a later one replaces it, none withdraws it. */
  cmd('poll.vote', {
    pollId: Id,
    choices: z.array(z.number().int().nonnegative()).max(POLL_LIMITS.maxOptions),
  }),
  /** Freezes the result; an anonymous poll forgets its voters. */
  cmd('poll.close', { pollId: Id }),
  /** Writes a closed poll's result into the outcome document's section of its item (the server does the writing). */
  cmd('poll.record', { pollId: Id }),
  /** Takes back a poll started by mistake, with its votes. */
  cmd('poll.remove', { pollId: Id }),
  /** A participant's written contribution, for the item under way or for the lessons learned. */
  cmd('contribution.submit', {
    topic: z.enum(CONTRIBUTION_TOPICS),
    text: text(CONTRIBUTION_LIMITS.text),
  }),
  /** A rapporteur's mark: used in the document, set aside, or new again. */
  cmd('contribution.mark', { contributionId: Id, status: z.enum(CONTRIBUTION_STATUSES) }),
  cmd('contribution.setClosed', { closed: z.boolean() }),
  /** The list of invitees, or a walk-in the desk admits: expected, each with a personal invitation to come. */
  cmd('invitee.import', { invitees: z.array(InviteeFields).min(1).max(INVITEE_LIMITS.rows) }),
  cmd('invitee.update', { participantId: Id, fields: InviteeFields.partial().strict() }),
  /**
   * Built by the server for a phone that opened a person's valid personal invitation; `replacing`: another
   * device holds the person already (their invitation taken up before, or the join code).
   */
  cmd('invitation.claim', { participantId: Id, replacing: z.boolean().default(false) }),
  cmd('invitation.reissue', { participantId: Id }),
  /** A locked invitation stays on the phone that first took it up. */
  cmd('invitation.setLocked', { participantId: Id, locked: z.boolean() }),
  /** The registration desk marks a person arrived (or takes back its own mark). */
  cmd('participant.setArrived', { participantId: Id, arrived: z.boolean() }),
  cmd('joining.setInvitationOnly', { only: z.boolean() }),
  /** An invited speaker's own remarks for the interpreters' booth; an empty text withdraws them. */
  cmd('remarks.submit', { language: Lang, text: optionalText(REMARKS_LIMITS.text) }),
  /** The moderator's, for a speaker; an empty text clears them. */
  cmd('remarks.set', { participantId: Id, language: Lang, text: optionalText(REMARKS_LIMITS.text) }),
  cmd('remarks.remove', { participantId: Id }),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** What a client sends: the command and the state version it was made against. */
export const CommandEnvelope = z.object({ baseVersion: z.number().int().nonnegative(), command: Command }).strict();
export type CommandEnvelope = z.infer<typeof CommandEnvelope>;
