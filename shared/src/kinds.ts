/** The closed lists of kinds, as plain constants (no zod), so the phone's bundle stays small. */
/** What a participant may ask for; `opening` is given by the agenda to its invited speakers. */
export const REQUEST_KINDS = ['point_of_order', 'reply', 'speech', 'question'] as const;
/** Every kind of speech: each has a speaking limit, and the speech log tells them apart. */
export const SPEECH_KINDS = [...REQUEST_KINDS, 'opening'] as const;
export const ORDERING_POLICIES = ['fifo', 'first_time', 'balance'] as const;
export const AGENDA_KINDS = ['opening', 'discussion', 'panel', 'break', 'closing'] as const;
/** The plain modes need nothing more; `break` needs its end, and `poll` and `contribution` show the one the moderator chose (ProjectorView's pollId, contributionId). */
export const PLAIN_PROJECTOR_MODES = ['floor', 'agenda', 'document'] as const;
export const PROJECTOR_MODES = [...PLAIN_PROJECTOR_MODES, 'break', 'poll', 'contribution'] as const;
/** Roles a moderator can give a person in the roster; projector is a screen, never a person. */
export const PERSON_ROLES = ['participant', 'rapporteur', 'moderator'] as const;
/**
 * Roles a link can carry; `desk` is the registration desk's, `booth` the interpreters' (view only).
 * Participants join through the join code or a personal invitation.
 */
export const LINK_ROLES = ['moderator', 'rapporteur', 'projector', 'desk', 'booth'] as const;
/** Every role: a person's or a link's. */
export const ROLES = [...PERSON_ROLES, 'projector', 'desk', 'booth'] as const;
