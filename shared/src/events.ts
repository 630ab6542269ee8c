import { z } from 'zod';
import { Id, Lang, Timestamp } from './common.js';
import { AgendaItem } from './agenda/schema.js';
import { Floor, FloorSettings, Speech } from './floor/schema.js';
import { SpeakerRequest } from './queue/schema.js';
import { LinkRole, PersonRole } from './roles.js';
import { Delegation, Participant, ProjectorView, RoundtableInfo } from './state.js';
import { FinalOutcome, ReviewResponse, SectionId } from './review/schema.js';
import { Poll } from './poll/schema.js';
import { Contribution } from './contribution/schema.js';
import { PrivacyNotice, RetentionDays } from './roster/retention.js';

const ev = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/** What happened, as recorded in the store's event log. Declared once; the log and the UI read these. */
export const DomainEvent = z.discriminatedUnion('type', [
  ev('roundtable.created', { info: RoundtableInfo, joinCode: z.string() }),
  ev('roundtable.updated', { info: RoundtableInfo.partial() }),
  ev('roundtable.ended', { at: Timestamp }),
  ev('roundtable.reopened', { at: Timestamp }),
  /** Names nobody: the store scrubs what it held of them (docs/PRIVACY.md). */
  ev('personalData.erased', { participantIds: z.array(Id), at: Timestamp }),
  ev('participant.forgotten', { participantId: Id }),
  ev('roundtable.retentionSet', { days: RetentionDays }),
  ev('roundtable.privacyNoticeSet', { notice: PrivacyNotice }),
  ev('delegation.added', { delegation: Delegation }),
  ev('delegation.updated', { delegation: Delegation }),
  ev('delegation.removed', { delegationId: Id }),
  ev('participant.joined', { participant: Participant }),
  ev('participant.updated', { participant: Participant }),
  ev('participant.rejoined', { participant: Participant }),
  /** Joined (or came back) looking like `resembles`, who is banned: waits for a moderator's approval. */
  ev('participant.held', { participant: Participant, resembles: Id }),
  ev('participant.roleChanged', { participantId: Id, role: PersonRole }),
  ev('participant.removed', { participantId: Id }),
  ev('participant.banned', { participantId: Id }),
  ev('participant.readmitted', { participantId: Id }),
  /** A moderator let in a person who was waiting for approval. */
  ev('participant.admitted', { participantId: Id }),
  ev('joining.lockChanged', { locked: z.boolean() }),
  ev('link.created', { linkId: Id, role: LinkRole, label: z.string() }),
  ev('link.revoked', { linkId: Id }),
  ev('agenda.itemAdded', { item: AgendaItem }),
  ev('agenda.itemUpdated', { item: AgendaItem }),
  ev('agenda.itemRemoved', { itemId: Id }),
  ev('agenda.itemMoved', { itemId: Id, after: Id.nullable() }),
  ev('agenda.imported', { mode: z.enum(['replace', 'append']), count: z.number().int() }),
  /** A placeholder among an item's invited speakers was matched to a person who came in under its name and delegation. */
  ev('agenda.speakerMatched', { itemId: Id, participantId: Id }),
  ev('agenda.currentChanged', { itemId: Id.nullable() }),
  ev('agenda.itemStarted', { itemId: Id, at: Timestamp }),
  ev('agenda.itemFinished', { itemId: Id, at: Timestamp }),
  ev('agenda.itemSkipped', { itemId: Id }),
  ev('agenda.itemExtended', { itemId: Id, minutes: z.number().int() }),
  ev('agenda.itemReopened', { itemId: Id, at: Timestamp }),
  ev('queue.requested', { request: SpeakerRequest }),
  ev('queue.withdrawn', { requestId: Id }),
  ev('queue.moved', { requestId: Id, before: Id.nullable() }),
  ev('queue.yielded', { requestId: Id, to: Id }),
  ev('queue.closedChanged', { closed: z.boolean() }),
  ev('queue.undone', { label: z.string() }),
  ev('floor.given', { floor: Floor }),
  ev('floor.ended', { speech: Speech }),
  ev('floor.paused', { speechId: Id, at: Timestamp }),
  ev('floor.resumed', { speechId: Id, at: Timestamp }),
  ev('floor.extended', { speechId: Id, seconds: z.number().int() }),
  ev('floor.settingsChanged', { settings: FloorSettings }),
  ev('document.publishedChanged', { published: z.boolean() }),
  ev('projector.changed', { view: ProjectorView }),
  ev('participant.headChanged', { participantId: Id, head: z.boolean() }),
  ev('review.everyoneChanged', { allowed: z.boolean() }),
  /** A review round opened; the server saves the document as `draftVersionId` ("Draft for review"). */
  ev('review.opened', {
    round: z.number().int(),
    deadline: Timestamp,
    sections: z.array(SectionId),
    draftVersionId: Id,
  }),
  ev('review.responded', { response: ReviewResponse }),
  ev('review.reopened', { round: z.number().int() }),
  /** The server saves the document as `final.versionId`, the final text. */
  ev('review.finalised', { final: FinalOutcome }),
  /** The poll as started: no ballots yet. */
  ev('poll.started', { poll: Poll }),
  /** A vote was cast, changed or withdrawn; who voted is recorded only in a named poll. */
  ev('poll.voted', {
    pollId: Id,
    voter: Id.optional(),
    by: Id.optional(),
    choices: z.array(z.number().int()).optional(),
  }),
  ev('poll.closed', {
    pollId: Id,
    at: Timestamp,
    counts: z.array(z.number().int()),
    answered: z.number().int(),
  }),
  /** The server writes the closed poll's result into the document's section of `itemId`. */
  ev('poll.recorded', { pollId: Id, itemId: Id.nullable() }),
  ev('poll.removed', { pollId: Id }),
  ev('contribution.submitted', { contribution: Contribution }),
  ev('contribution.marked', { contributionId: Id, status: Contribution.shape.status }),
  ev('contribution.closedChanged', { closed: z.boolean() }),
  ev('invitees.imported', { participants: z.array(Participant) }),
  ev('invitee.updated', { participant: Participant }),
  /** `moved`: another phone held the invitation; it is signed out. */
  ev('invitation.claimed', { participantId: Id, moved: z.boolean() }),
  ev('invitation.reissued', { participantId: Id, serial: z.number().int() }),
  ev('invitation.lockChanged', { participantId: Id, locked: z.boolean() }),
  ev('participant.arrivalChanged', { participantId: Id, arrivedAt: Timestamp.nullable() }),
  ev('joining.invitationOnlyChanged', { only: z.boolean() }),
  /** The log keeps how long the text is, not the text: it is the speaker's until they speak. */
  ev('remarks.sent', { participantId: Id, language: Lang, length: z.number().int() }),
  ev('remarks.removed', { participantId: Id }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

/** An event as stored: which version of the roundtable it produced, and when. */
export interface RecordedEvent {
  version: number;
  at: z.infer<typeof Timestamp>;
  event: DomainEvent;
}
