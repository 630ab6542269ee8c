import { normalizeName } from '../roster/lookalike.js';
import type { InviteeRole } from './kinds.js';

/*
 * Zod-free, like roster/active.ts: the phone and the desk ask these of their view.
 */

/**
 * The same invitee: the same name as people mean it (roster/lookalike.ts) in the same delegation (none
 * matches none). One key per person, so a list of 5,000 is checked in one pass, not 5,000 × 5,000.
 */
export const inviteeKey = (name: string, delegationId: string | null): string =>
  `${delegationId ?? ''}\u0000${normalizeName(name)}`;

/** A person's role as the list of invitees names it: the roster's role, the speaker's mark, the review's heads. */
export function inviteeRoleOf(
  p: { id: string; role: string; speaker?: boolean | undefined },
  heads: readonly string[],
): InviteeRole {
  if (p.role === 'rapporteur') return 'rapporteur';
  if (heads.includes(p.id)) return 'head';
  return p.speaker ? 'speaker' : 'participant';
}

/**
 * Whose personal invitation an actor may hand out: the desk, only those of people with a participant's
 * rights (a head of delegation among them), never a rapporteur's or a moderator's, which would make
 * whoever scans it one.
 */
export const mayHandOut = (actor: { role: string }, person: { role: string }): boolean =>
  actor.role !== 'desk' || person.role === 'participant';

/** Whether a person is on the list of invitees and has not arrived. */
export const isExpected = (p: { status: string }): boolean => p.status === 'invited';
