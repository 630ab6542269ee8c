/** The closed lists of kinds, as plain constants (no zod), so the phone's bundle stays small. */
export const REQUEST_TYPES = ['point_of_order', 'reply', 'speech', 'question'] as const;
export const ORDERING_POLICIES = ['fifo', 'first_time', 'balance'] as const;
export const AGENDA_KINDS = ['opening', 'discussion', 'panel', 'break', 'closing'] as const;
export const PROJECTOR_MODES = ['floor', 'agenda', 'document', 'break'] as const;
export const PERSON_ROLES = ['participant', 'rapporteur', 'moderator'] as const;
export const LINK_ROLES = ['moderator', 'rapporteur', 'projector'] as const;
