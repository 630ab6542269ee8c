import { z } from 'zod';

export const ROLES = ['moderator', 'rapporteur', 'participant', 'projector'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles a moderator can give a person in the roster; projector is a screen, never a person. */
export const PersonRole = z.enum(['moderator', 'rapporteur', 'participant']);
export type PersonRole = z.infer<typeof PersonRole>;

/** Roles a link can carry. Participants join through the join code, not a link. */
export const LinkRole = z.enum(['moderator', 'rapporteur', 'projector']);
export type LinkRole = z.infer<typeof LinkRole>;

/**
 * Who acts. A link holder acts with the link's role; a person from the roster acts with the role
 * the roster gives them now (so a role change takes effect at once), and `pending` while they wait for
 * a moderator's approval; `visitor` has not joined yet.
 */
export type Actor =
  | { kind: 'link'; linkId: string; role: LinkRole }
  | { kind: 'participant'; participantId: string; role: PersonRole; pending: boolean }
  | { kind: 'visitor'; role: 'visitor' };

export const SYSTEM_VISITOR: Actor = { kind: 'visitor', role: 'visitor' };
