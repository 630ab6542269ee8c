import type { Actor, Audience } from '@roundtable/shared';

/** Socket.IO room names: one per audience (one encoding per broadcast), one per person and per link. */
export const rooms = {
  audience: (roundtableId: string, audience: Audience) => `rt:${roundtableId}:${audience}`,
  participant: (roundtableId: string, participantId: string) => `rt:${roundtableId}:p:${participantId}`,
  link: (roundtableId: string, linkId: string) => `rt:${roundtableId}:l:${linkId}`,
  of: (roundtableId: string, actor: Actor): string | undefined =>
    actor.kind === 'participant'
      ? rooms.participant(roundtableId, actor.participantId)
      : actor.kind === 'link'
        ? rooms.link(roundtableId, actor.linkId)
        : undefined,
};
