import type { Participant, Roster } from '../state.js';

/*
 * Apart from state.ts on purpose: a phone asks these of its view, and a module with the state's zod
 * schemas in it would bring zod (26 KiB) onto the phone with them.
 */

export function findParticipant(state: Pick<Roster, 'participants'>, id: string): Participant | undefined {
  return state.participants.find((p) => p.id === id);
}

/** Who is in the room: neither waiting for approval, nor removed, nor banned. */
export const isActive = (p: Pick<Participant, 'status'>): boolean => p.status === 'active';

export function activeParticipants(state: Pick<Roster, 'participants'>): Participant[] {
  return state.participants.filter(isActive);
}
