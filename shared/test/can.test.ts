import { describe, expect, it } from 'vitest';
import { actorFor, can, Command, type Action, type Actor } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

const s = new Scenario();
const self = s.person('Self Person');
const other = s.person('Other Person');
const banned = s.person('Banned Person');
s.do({ type: 'participant.ban', participantId: banned.id });
const { participantId: waitingId = '' } = s.do(
  {
    type: 'participant.join',
    profile: { name: 'banned person', function: '', delegation: { name: 'EUROPOL' }, language: 'en' },
  },
  { kind: 'visitor', role: 'visitor' },
);
const waiting = actorFor(s.state, { kind: 'participant', participantId: waitingId });
if (!waiting.ok) throw new Error('a person waiting for approval can connect');

/** Who may do what: M moderator link, R rapporteur link, P projector link, D registration desk link, B interpreters' booth link,
 * S participant acting on themselves,
 * O participant acting on someone else, r participant made rapporteur, m participant made moderator, V visitor,
 * W a person waiting for approval (they look like someone banned) acting on themselves. */
const ALL_MOD = 'M m';
const EXPECTED: Record<Action, string> = {
  'state.read': 'M R P D B S O r m W',
  'roster.read': 'M R D r m',
  'links.read': ALL_MOD,
  'events.read': ALL_MOD,
  'document.read': 'M R r m',
  'document.write': 'M R r m',
  'minutes.read': 'M R r m',
  'roundtable.update': ALL_MOD,
  'roundtable.erasePersonalData': ALL_MOD,
  'personalData.read': ALL_MOD,
  'roundtable.setRetention': ALL_MOD,
  'roundtable.setPrivacyNotice': ALL_MOD,
  'participant.forget': 'S',
  'delegation.add': ALL_MOD,
  'delegation.update': ALL_MOD,
  'delegation.remove': ALL_MOD,
  'participant.join': 'V',
  'participant.add': ALL_MOD,
  'participant.update': 'M m S',
  'participant.setRole': ALL_MOD,
  'participant.remove': ALL_MOD,
  'participant.ban': ALL_MOD,
  'participant.readmit': ALL_MOD,
  'joining.setLocked': ALL_MOD,
  'link.create': ALL_MOD,
  'link.revoke': ALL_MOD,
  'agenda.add': ALL_MOD,
  'agenda.update': ALL_MOD,
  'agenda.remove': ALL_MOD,
  'agenda.move': ALL_MOD,
  'agenda.duplicate': ALL_MOD,
  'agenda.import': ALL_MOD,
  'agenda.setCurrent': ALL_MOD,
  'agenda.start': ALL_MOD,
  'agenda.finish': ALL_MOD,
  'agenda.skip': ALL_MOD,
  'agenda.extend': ALL_MOD,
  'agenda.reopen': ALL_MOD,
  'queue.request': 'S O r m',
  'queue.add': ALL_MOD,
  'queue.withdraw': 'M m S',
  'queue.move': ALL_MOD,
  'queue.yield': 'M m S',
  'queue.setClosed': ALL_MOD,
  'queue.undo': ALL_MOD,
  'floor.next': ALL_MOD,
  'floor.give': ALL_MOD,
  'floor.pause': ALL_MOD,
  'floor.resume': ALL_MOD,
  'floor.extend': ALL_MOD,
  'floor.end': ALL_MOD,
  'floor.setSettings': ALL_MOD,
  'document.setPublished': ALL_MOD,
  'projector.show': ALL_MOD,
  'roundtable.end': ALL_MOD,
  'roundtable.reopen': ALL_MOD,
  'series.read': ALL_MOD,
  'edition.create': ALL_MOD,
  'participant.setHead': ALL_MOD,
  'review.allowEveryone': ALL_MOD,
  'review.open': ALL_MOD,
  'review.respond': 'S O r m',
  'review.reopen': 'M R r m',
  'review.finalise': ALL_MOD,
  'poll.start': ALL_MOD,
  'poll.vote': 'S O r m',
  'poll.close': ALL_MOD,
  'poll.record': 'M R r m',
  'poll.remove': ALL_MOD,
  'contribution.submit': 'S O r m',
  'contribution.mark': 'M R r m',
  'contribution.setClosed': ALL_MOD,
  'invitee.import': 'M D m',
  'invitee.update': ALL_MOD,
  'invitation.claim': 'V',
  'invitation.reissue': ALL_MOD,
  'invitation.setLocked': ALL_MOD,
  'invitations.read': 'M D m',
  'contacts.read': ALL_MOD,
  'participant.setArrived': 'M D m',
  'joining.setInvitationOnly': ALL_MOD,
  'remarks.submit': 'S O r m',
  'remarks.set': ALL_MOD,
  'remarks.remove': 'M m S',
};

const ACTORS: Record<string, { actor: Actor; subject: string }> = {
  M: { actor: { kind: 'link', linkId: 'l1', role: 'moderator' }, subject: other.id },
  R: { actor: { kind: 'link', linkId: 'l2', role: 'rapporteur' }, subject: other.id },
  P: { actor: { kind: 'link', linkId: 'l3', role: 'projector' }, subject: other.id },
  D: { actor: { kind: 'link', linkId: 'l4', role: 'desk' }, subject: other.id },
  B: { actor: { kind: 'link', linkId: 'l5', role: 'booth' }, subject: other.id },
  S: { actor: self.actor, subject: self.id },
  O: { actor: self.actor, subject: other.id },
  r: { actor: { kind: 'participant', participantId: self.id, role: 'rapporteur', pending: false }, subject: other.id },
  m: { actor: { kind: 'participant', participantId: self.id, role: 'moderator', pending: false }, subject: other.id },
  V: { actor: { kind: 'visitor', role: 'visitor' }, subject: other.id },
  W: { actor: waiting.actor, subject: waitingId },
};

describe('can()', () => {
  it('has an expectation for every command and every other action', () => {
    const commands = Command.options.map((o) => o.shape.type.value);
    const reads = ['state.read', 'roster.read', 'links.read', 'events.read', 'document.read', 'document.write'];
    reads.push('series.read', 'edition.create');
    reads.push('minutes.read', 'invitations.read', 'contacts.read');
    reads.push('personalData.read');
    expect(Object.keys(EXPECTED).sort()).toEqual([...commands, ...reads].sort());
  });

  for (const [action, allowed] of Object.entries(EXPECTED) as [Action, string][]) {
    it(`${action}: ${allowed}`, () => {
      const granted = Object.entries(ACTORS)
        .filter(([, a]) => can(a.actor, action, s.state, { participantId: a.subject }))
        .map(([code]) => code);
      expect(granted.sort()).toEqual(allowed.split(' ').sort());
    });
  }

  it('lets everyone in the room read the outcome document once it is published', () => {
    const published = { ...s.state, documentPublished: true };
    const readers = Object.entries(ACTORS)
      .filter(([, a]) => can(a.actor, 'document.read', published))
      .map(([c]) => c);
    expect(readers.sort()).toEqual(['M', 'O', 'P', 'D', 'B', 'R', 'S', 'm', 'r'].sort());
    expect(can(ACTORS.S!.actor, 'document.write', published)).toBe(false);
  });
});
