import { z } from 'zod';
import type { Actor } from './roles.js';
import { RoundtableState, type Participant } from './state.js';

/** Who a state broadcast is for; each audience gets one encoding of the same version. */
export type Audience = 'moderator' | 'rapporteur' | 'public';

export function audienceOf(actor: Actor): Audience {
  if (actor.role === 'moderator') return 'moderator';
  if (actor.role === 'rapporteur') return 'rapporteur';
  return 'public';
}

/**
 * The state as an audience sees it. Same shape for everyone, so the client has one type:
 * moderators see everything; rapporteurs the roster; the public (phones, projector) only the
 * people the room is talking about, so a broadcast to 2,000 phones does not carry 2,000 names.
 */
export const StateView = RoundtableState.extend({ participantCount: z.number().int().nonnegative() });
export type StateView = z.infer<typeof StateView>;

/** People the public view names: invited speakers now; the queue and the floor add theirs. */
function referencedIds(state: RoundtableState): Set<string> {
  return new Set(state.agenda.flatMap((item) => item.invitedSpeakers));
}

export function viewFor(state: RoundtableState, audience: Audience): StateView {
  const participantCount = state.participants.filter((p) => p.status === 'active').length;
  if (audience === 'moderator') return { ...state, participantCount };
  const links: StateView['links'] = [];
  if (audience === 'rapporteur') return { ...state, links, participantCount };
  const named = referencedIds(state);
  const participants = state.participants.filter((p: Participant) => named.has(p.id));
  return { ...state, participants, links, participantCount };
}
