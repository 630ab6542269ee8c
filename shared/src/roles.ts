import { z } from 'zod';
import { LINK_ROLES, PERSON_ROLES, ROLES } from './kinds.js';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const PersonRole = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof PersonRole>;

export const LinkRole = z.enum(LINK_ROLES);
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
