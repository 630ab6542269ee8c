import type { CommandType } from './commands.js';
import type { Actor } from './roles.js';
import type { RoundtableState } from './state.js';

/** Everything anyone can try to do: every command, plus reading and the outcome document. */
export type Action =
  CommandType | 'state.read' | 'roster.read' | 'links.read' | 'events.read' | 'document.read' | 'document.write';

/** What an action is about, where the answer depends on it (a person editing their own profile). */
export interface Subject {
  participantId?: string;
}

type Rule = (actor: Actor, roundtable: RoundtableState, subject: Subject) => boolean;

const never: Rule = () => false;
const isModerator: Rule = (a) => a.role === 'moderator';
const isSelf: Rule = (a, _r, s) => a.kind === 'participant' && s.participantId === a.participantId;
const isMember: Rule = (a) => a.kind !== 'visitor';
const either =
  (...rules: Rule[]): Rule =>
  (a, r, s) =>
    rules.some((rule) => rule(a, r, s));

/** One table for every action; the server enforces it, the client uses it to hide controls. */
const RULES: Record<Action, Rule> = {
  'state.read': isMember,
  'roster.read': either(isModerator, (a) => a.role === 'rapporteur'),
  'links.read': isModerator,
  'events.read': isModerator,
  'document.read': (a, r) =>
    a.role === 'moderator' || a.role === 'rapporteur' || (a.kind !== 'visitor' && r.documentPublished),
  'document.write': either(isModerator, (a) => a.role === 'rapporteur'),
  'roundtable.update': isModerator,
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
};

/**
 * A person waiting for a moderator's approval (they look like someone banned) may see that they wait,
 * and nothing else, whatever the table would give their role: no floor, no profile, no document.
 */
const WHILE_PENDING: ReadonlySet<Action> = new Set(['state.read']);

export function can(actor: Actor, action: Action, roundtable: RoundtableState, subject: Subject = {}): boolean {
  if (actor.kind === 'participant' && actor.pending && !WHILE_PENDING.has(action)) return false;
  return (RULES[action] ?? never)(actor, roundtable, subject);
}
