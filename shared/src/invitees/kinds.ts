/* Plain constants, importing nothing: the state's schema and the phone both read them. */

/** What an invitee is in the roundtable. A head answers for the delegation (review.heads); a speaker is invited to speak. */
export const INVITEE_ROLES = ['participant', 'head', 'rapporteur', 'speaker'] as const;
export type InviteeRole = (typeof INVITEE_ROLES)[number];

export const INVITEE_LIMITS = { email: 254, note: 500, rows: 5000 } as const;
