import type { Applied } from '../roundtables.js';
import type { Documents } from './documents.js';
import { CLOSE } from './messages.js';

/**
 * Rights to the document are decided at connection time, so when they change the connection is
 * closed: a removed person stays out, a new rapporteur reconnects able to write.
 */
export function closeDocumentAccess(documents: Documents, { roundtableId, events }: Applied): void {
  for (const event of events) {
    if (event.type === 'participant.removed' || event.type === 'participant.banned') {
      documents.closeFor(
        roundtableId,
        (w) => w === `p:${event.participantId}`,
        CLOSE.unauthenticated,
        'Removed by a moderator.',
      );
    }
    if (event.type === 'participant.roleChanged') {
      documents.closeFor(
        roundtableId,
        (w) => w === `p:${event.participantId}`,
        1012,
        'Your role changed; reconnecting.',
      );
    }
    if (event.type === 'link.revoked') {
      documents.closeFor(
        roundtableId,
        (w) => w === `l:${event.linkId}`,
        CLOSE.unauthenticated,
        'This link was revoked.',
      );
    }
    if (event.type === 'document.publishedChanged' && !event.published) {
      documents.closeFor(roundtableId, () => true, 1012, 'Publication withdrawn; reconnecting.');
    }
  }
}
