import { done, type HandlerMap } from '../handler.js';
import { refusal } from '../refusals.js';
import { findParticipant } from '../roster/active.js';
import type { Participant, RoundtableState } from '../state.js';
import { NO_INVITATION } from './schema.js';

const withPerson = (state: RoundtableState, person: Participant): RoundtableState => ({
  ...state,
  participants: state.participants.map((p) => (p.id === person.id ? person : p)),
});

const invitationOf = (p: Participant) => p.invitation ?? NO_INVITATION;

/** Whoever is still on the roster: removed and banned people are not invited any more. */
const invitable = (p: Participant | undefined): p is Participant =>
  p !== undefined && p.status !== 'removed' && p.status !== 'banned' && p.erasedAt === undefined;

export const invitationHandlers: HandlerMap<
  | 'invitation.claim'
  | 'invitation.reissue'
  | 'invitation.setLocked'
  | 'participant.setArrived'
  | 'joining.setInvitationOnly'
> = {
  /**
   * Built by the server for a phone that opened a valid personal invitation (and does not hold it yet):
   * the person is in the room from then on. A second phone takes it over, unless the moderator locked it.
   */
  'invitation.claim': (state, { participantId, replacing }, ctx) => {
    const p = findParticipant(state, participantId);
    if (p?.status === 'banned') return refusal('banned');
    if (!invitable(p)) return refusal('invitation_invalid');
    const invitation = invitationOf(p);
    const moved = replacing || invitation.claimedAt !== null;
    if (moved && invitation.locked) return refusal('invitation_locked');
    const person: Participant = {
      ...p,
      // Someone waiting for approval keeps waiting: the invitation is theirs, the moderator's decision too.
      status: p.status === 'pending' ? 'pending' : 'active',
      arrivedAt: p.arrivedAt ?? ctx.now,
      invitation: { ...invitation, claimedAt: ctx.now, ...(moved ? { movedAt: ctx.now } : {}) },
    };
    return done(withPerson(state, person), [{ type: 'invitation.claimed', participantId, moved }], { participantId });
  },
  /**
   * A new link for the person; the old one stops at once (the server derives links from `serial`), and so
   * does any phone that took it up: a lost badge found by someone else is theirs no more.
   */
  'invitation.reissue': (state, { participantId }) => {
    const p = findParticipant(state, participantId);
    if (!invitable(p)) return refusal('participant_not_found');
    const invitation = { ...invitationOf(p), serial: invitationOf(p).serial + 1, claimedAt: null };
    return done(withPerson(state, { ...p, invitation }), [
      { type: 'invitation.reissued', participantId, serial: invitation.serial },
    ]);
  },
  'invitation.setLocked': (state, { participantId, locked }) => {
    const p = findParticipant(state, participantId);
    if (!invitable(p)) return refusal('participant_not_found');
    if (invitationOf(p).locked === locked) return done(state, []);
    return done(withPerson(state, { ...p, invitation: { ...invitationOf(p), locked } }), [
      { type: 'invitation.lockChanged', participantId, locked },
    ]);
  },
  /**
   * The desk's mark, for people without a phone too. Taking it back is for a mis-click at the desk: a
   * person whose phone brought them in, or who joined with the code, is in the room by their own hand.
   */
  'participant.setArrived': (state, { participantId, arrived }, ctx) => {
    const p = findParticipant(state, participantId);
    if (!invitable(p) || p.status === 'pending') return refusal('participant_not_found');
    if (arrived === (p.status === 'active')) return done(state, []);
    if (!arrived && (p.arrivedAt === undefined || invitationOf(p).claimedAt !== null)) {
      return refusal('arrival_by_phone');
    }
    const { arrivedAt: _a, ...rest } = p;
    const person: Participant = arrived
      ? { ...p, status: 'active', arrivedAt: ctx.now }
      : { ...rest, status: 'invited' };
    return done(withPerson(state, person), [
      { type: 'participant.arrivalChanged', participantId, arrivedAt: arrived ? ctx.now : null },
    ]);
  },
  'joining.setInvitationOnly': (state, { only }) => {
    if (state.invitationOnly === only) return done(state, []);
    return done({ ...state, invitationOnly: only }, [{ type: 'joining.invitationOnlyChanged', only }]);
  },
};
