import type { Audience, Credential } from '@roundtable/shared';

/**
 * The names sessions are grouped by: one per audience (one encoding per broadcast), one per person
 * and per link. The own room names a session on both transports: the Socket.IO room a role change
 * or removal reaches, and the key a document connection is counted and closed by.
 */
export const rooms = {
  audience: (roundtableId: string, audience: Audience) => `rt:${roundtableId}:${audience}`,
  participant: (roundtableId: string, participantId: string) => `rt:${roundtableId}:p:${participantId}`,
  link: (roundtableId: string, linkId: string) => `rt:${roundtableId}:l:${linkId}`,
  own: (roundtableId: string, credential: Credential): string =>
    credential.kind === 'participant'
      ? rooms.participant(roundtableId, credential.participantId)
      : rooms.link(roundtableId, credential.linkId),
};
