import { actorFor, refusal, type DomainEvent, type Failure, type RoundtableState } from '@roundtable/shared';
import { sessionOf, type Session } from './authenticate.js';
import { rooms } from './rooms.js';

/** What a change means for the sessions open at the time, on every transport. */
export interface SessionEffects {
  /** Every session of a person or link ends, told why. */
  end: { room: string; failure: Failure }[];
  /** A person's sessions act as `session` from now on (a new role, admitted from waiting). */
  change: { room: string; session: Session }[];
  /**
   * Document connections to close so they reconnect with their new rights (`room` null: all of them):
   * rights to the document are decided when it is opened.
   */
  reconnectDocument: { room: string | null; message: string }[];
}

/** The words a document connection closes with when it is to reconnect; an ending says its Failure's. */
export const RECONNECT = {
  role: 'Your role changed; reconnecting.',
  unpublished: 'Publication withdrawn; reconnecting.',
  ended: 'The roundtable ended or was reopened; reconnecting.',
  review: 'The review of the document changed; reconnecting.',
} as const;

/**
 * Which sessions end, change or must reopen the document after `events`, read against the `state`
 * they produced. Pure: both transports carry out the same list (realtime/sessions.ts, yjs/documents.ts).
 */
export function sessionEffects(events: readonly DomainEvent[], state: RoundtableState): SessionEffects {
  const effects: SessionEffects = { end: [], change: [], reconnectDocument: [] };
  const person = (participantId: string) => rooms.participant(state.id, participantId);
  for (const event of events) {
    switch (event.type) {
      case 'participant.roleChanged':
      case 'participant.admitted': {
        const credential = { kind: 'participant', participantId: event.participantId } as const;
        const who = actorFor(state, credential);
        // Removed later in the same change: the ending below says so.
        if (who.ok)
          effects.change.push({
            room: person(event.participantId),
            session: sessionOf(state.id, credential, who.actor),
          });
        if (event.type === 'participant.roleChanged') {
          effects.reconnectDocument.push({ room: person(event.participantId), message: RECONNECT.role });
        }
        break;
      }
      case 'participant.removed':
        effects.end.push({ room: person(event.participantId), failure: refusal('removed') });
        break;
      // The invitation was taken up on another phone: this person's open sessions are the old phone's.
      case 'invitation.claimed':
        if (event.moved) effects.end.push({ room: person(event.participantId), failure: refusal('invitation_moved') });
        break;
      case 'invitation.reissued':
        effects.end.push({ room: person(event.participantId), failure: refusal('invitation_reissued') });
        break;
      case 'participant.banned':
        effects.end.push({ room: person(event.participantId), failure: refusal('banned') });
        break;
      case 'participant.forgotten':
        effects.end.push({ room: person(event.participantId), failure: refusal('profile_deleted') });
        break;
      case 'link.revoked':
        effects.end.push({ room: rooms.link(state.id, event.linkId), failure: refusal('link_revoked') });
        break;
      // Frozen for review or for good, or open for writing again: every connection's rights change.
      case 'review.opened':
      case 'review.reopened':
      case 'review.finalised':
        effects.reconnectDocument.push({ room: null, message: RECONNECT.review });
        break;
      case 'document.publishedChanged':
        if (!event.published) effects.reconnectDocument.push({ room: null, message: RECONNECT.unpublished });
        break;
      // Writing stops (or resumes) for everyone: each editor reopens read-only, told why (yjs/admission.ts).
      case 'roundtable.ended':
      case 'roundtable.reopened':
        effects.reconnectDocument.push({ room: null, message: RECONNECT.ended });
        break;
      default:
        break;
    }
  }
  return effects;
}
