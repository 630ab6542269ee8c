import type { CommandType } from './commands.js';
import type { Actor } from './roles.js';
import type { RoundtableState } from './state.js';

/** Everything anyone can try to do: every command, plus reading and the outcome document. */
export type Action =
  | CommandType
  | 'state.read'
  | 'roster.read'
  | 'links.read'
  | 'events.read'
  | 'document.read'
  | 'document.write'
  | 'minutes.read'
  | 'series.read'
  | 'edition.create'
  /** The personal invitations' links, for badges and the desk's walk-ins (mayHandOut() says whose). */
  | 'invitations.read'
  /** The invitees' e-mail addresses and notes, and the mail-merge file that carries them. */
  | 'contacts.read'
  /** Everyone's personal data as one file (server/src/http/personalData.ts): a data-subject request's answer. */
  | 'personalData.read';

/** What an action is about, where the answer depends on it (a person editing their own profile). */
export interface Subject {
  participantId?: string;
}

/** What the rules read of a roundtable: every view holds it too, so a page asks the table the server enforces. */
type Facts = Pick<RoundtableState, 'documentPublished' | 'endedAt' | 'review'>;

type Rule = (actor: Actor, roundtable: Facts, subject: Subject) => boolean;

const never: Rule = () => false;
const isModerator: Rule = (a) => a.role === 'moderator';
const isSelf: Rule = (a, _r, s) => a.kind === 'participant' && s.participantId === a.participantId;
const isDesk: Rule = (a) => a.role === 'desk';
const isMember: Rule = (a) => a.kind !== 'visitor';
const either =
  (...rules: Rule[]): Rule =>
  (a, r, s) =>
    rules.some((rule) => rule(a, r, s));

/** One table for every action; the server enforces it, the client uses it to hide controls. */
const RULES: Record<Action, Rule> = {
  'state.read': isMember,
  'roster.read': either(isModerator, isDesk, (a) => a.role === 'rapporteur'),
  'links.read': isModerator,
  'events.read': isModerator,
  // Under review and once final, everyone reads the draft they are asked to sign off, published or not.
  'document.read': (a, r) =>
    a.role === 'moderator' ||
    a.role === 'rapporteur' ||
    (a.kind !== 'visitor' && (r.documentPublished || r.review.status !== 'writing')),
  // Frozen while the delegations review it and for good once final (review/rules.ts); nobody's update is applied.
  'document.write': (a, r) => (a.role === 'moderator' || a.role === 'rapporteur') && r.review.status === 'writing',
  // The minutes and the statistics exports name every speaker and their times: the chair's and the rapporteurs'.
  'minutes.read': either(isModerator, (a) => a.role === 'rapporteur'),
  'roundtable.update': isModerator,
  'roundtable.end': isModerator,
  'roundtable.reopen': isModerator,
  'roundtable.erasePersonalData': isModerator,
  'personalData.read': isModerator,
  'roundtable.setRetention': isModerator,
  'roundtable.setPrivacyNotice': isModerator,
  // One's own profile only: nobody deletes another person's, the moderator erases everyone's or removes.
  'participant.forget': isSelf,
  'series.read': isModerator,
  'edition.create': isModerator,
  'delegation.add': isModerator,
  'delegation.update': isModerator,
  'delegation.remove': isModerator,
  // Whether joining is locked is a rule of the roundtable, answered by apply() with its own error.
  'participant.join': (a) => a.kind === 'visitor',
  'participant.add': isModerator,
  'participant.update': either(isModerator, isSelf),
  'participant.setRole': isModerator,
  'participant.remove': isModerator,
  'participant.ban': isModerator,
  'participant.readmit': isModerator,
  'joining.setLocked': isModerator,
  'link.create': isModerator,
  'link.revoke': isModerator,
  'agenda.add': isModerator,
  'agenda.update': isModerator,
  'agenda.remove': isModerator,
  'agenda.move': isModerator,
  'agenda.duplicate': isModerator,
  'agenda.import': isModerator,
  'agenda.setCurrent': isModerator,
  'agenda.start': isModerator,
  'agenda.finish': isModerator,
  'agenda.skip': isModerator,
  'agenda.extend': isModerator,
  'agenda.reopen': isModerator,
  // Asking for the floor is for people in the roster, moderators and rapporteurs included.
  'queue.request': (a) => a.kind === 'participant',
  'queue.add': isModerator,
  'queue.withdraw': either(isModerator, isSelf),
  'queue.move': isModerator,
  'queue.yield': either(isModerator, isSelf),
  'queue.setClosed': isModerator,
  'queue.undo': isModerator,
  'floor.next': isModerator,
  'floor.give': isModerator,
  'floor.pause': isModerator,
  'floor.resume': isModerator,
  'floor.extend': isModerator,
  'floor.end': isModerator,
  'floor.setSettings': isModerator,
  'document.setPublished': isModerator,
  'projector.show': isModerator,
  'participant.setHead': isModerator,
  'review.allowEveryone': isModerator,
  'review.open': isModerator,
  // Whether this person answers for a delegation (its head, or everyone allowed) is the domain's, with its reason.
  'review.respond': (a) => a.kind === 'participant',
  'review.reopen': either(isModerator, (a) => a.role === 'rapporteur'),
  'review.finalise': isModerator,
  'poll.start': isModerator,
  // Whether this person counts (themselves, or their delegation) is the domain's rule, with its reason.
  'poll.vote': (a) => a.kind === 'participant',
  'poll.close': isModerator,
  'poll.record': either(isModerator, (a) => a.role === 'rapporteur'),
  'poll.remove': isModerator,
  'contribution.submit': (a) => a.kind === 'participant',
  'contribution.mark': either(isModerator, (a) => a.role === 'rapporteur'),
  'contribution.setClosed': isModerator,
  // The registration desk admits walk-ins and marks arrivals; invitations are the moderator's.
  'invitee.import': either(isModerator, isDesk),
  'invitee.update': isModerator,
  'invitation.claim': (a) => a.kind === 'visitor',
  'invitation.reissue': isModerator,
  'invitation.setLocked': isModerator,
  'invitations.read': either(isModerator, isDesk),
  'contacts.read': isModerator,
  'participant.setArrived': either(isModerator, isDesk),
  'joining.setInvitationOnly': isModerator,
  // Whether this person was invited to speak is the domain's rule, with its reason; the booth only reads.
  'remarks.submit': (a) => a.kind === 'participant',
  'remarks.set': isModerator,
  'remarks.remove': either(isModerator, isSelf),
};

/**
 * A person waiting for a moderator's approval (they look like someone banned) may see that they wait,
 * and nothing else, whatever the table would give their role: no floor, no profile, no document.
 */
const WHILE_PENDING: ReadonlySet<Action> = new Set(['state.read']);

/**
 * An ended roundtable is a record: it is read, exported and carried on as a next edition, and changed no
 * more. Reopening stays, for the moderator who ended it too early (a late speech, a mis-click).
 */
const WHILE_ENDED: ReadonlySet<Action> = new Set([
  'state.read',
  'roster.read',
  'links.read',
  'events.read',
  'document.read',
  'minutes.read',
  'series.read',
  'edition.create',
  'roundtable.reopen',
  // Personal data is erased from the record too: that is what the record's retention period is for.
  'roundtable.erasePersonalData',
  'participant.forget',
  'personalData.read',
  'roundtable.setRetention',
]);

/** Whether the roundtable having ended is what refuses this action (apply() then says so, not "your role"). */
export const refusedAsEnded = (action: Action, roundtable: Facts): boolean =>
  roundtable.endedAt !== null && !WHILE_ENDED.has(action);

export function can(actor: Actor, action: Action, roundtable: Facts, subject: Subject = {}): boolean {
  if (actor.kind === 'participant' && actor.pending && !WHILE_PENDING.has(action)) return false;
  if (refusedAsEnded(action, roundtable)) return false;
  return (RULES[action] ?? never)(actor, roundtable, subject);
}
