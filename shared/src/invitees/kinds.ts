/* Plain constants, importing nothing: the state's schema and the phone both read them. */

/** What an invitee is in the roundtable. A head answers for the delegation (review.heads); a speaker is invited to speak. */
export const INVITEE_ROLES = ['participant', 'head', 'rapporteur', 'speaker'] as const;
export type InviteeRole = (typeof INVITEE_ROLES)[number];

export const INVITEE_LIMITS = { email: 254, note: 500, rows: 5000 } as const;

/**
 * How long a phone that took someone's invitation over may not delete their profile: a photographed badge
 * must not be enough to erase a person for good. The first phone is told at once (invitation_moved); the
 * desk re-issues the invitation, which signs the other phone out.
 */
export const TAKEOVER_COOLING_MS = 60 * 60_000;
