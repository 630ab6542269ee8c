import { normalizeName } from '../roster/lookalike.js';

/*
 * Zod-free, like roster/active.ts: the phone and the desk ask these of their view.
 */

/** What an invitee is in the roundtable. A head answers for the delegation (review.heads); a speaker is invited to speak. */
export const INVITEE_ROLES = ['participant', 'head', 'rapporteur', 'speaker'] as const;
export type InviteeRole = (typeof INVITEE_ROLES)[number];

export const INVITEE_LIMITS = { email: 254, note: 500, rows: 5000 } as const;

/** The same invitee: the same name as people mean it (roster/lookalike.ts) in the same delegation (none matches none). */
export function sameInvitee(
  p: { name: string; delegationId: string | null },
  name: string,
  delegationId: string | null,
): boolean {
  return p.delegationId === delegationId && normalizeName(p.name) === normalizeName(name);
}

/** Whether a person is on the list of invitees and has not arrived. */
export const isExpected = (p: { status: string }): boolean => p.status === 'invited';
