import { z } from 'zod';
import { Lang, LIMITS, optionalText, text, Timestamp } from '../common.js';
import { INVITEE_LIMITS, INVITEE_ROLES } from './kinds.js';

/**
 * What the organisers know of an invitee weeks ahead, as a row of their list. `delegation` is a name,
 * matched to the roundtable's delegations or added (roster/delegations.ts); '' for none.
 */
export const InviteeFields = z
  .object({
    name: text(LIMITS.name),
    function: optionalText(LIMITS.function).default(''),
    delegation: optionalText(LIMITS.delegationName).default(''),
    language: Lang,
    role: z.enum(INVITEE_ROLES).default('participant'),
    /** Only for the organisers' own mailing (the mail-merge file); the server sends no e-mail. */
    email: z
      .string()
      .trim()
      .max(INVITEE_LIMITS.email)
      .refine((e) => e === '' || /^[^\s@]+@[^\s@]+$/.test(e), 'is not an e-mail address')
      .default(''),
    note: optionalText(INVITEE_LIMITS.note).default(''),
  })
  .strict();
export type InviteeFields = z.infer<typeof InviteeFields>;

/**
 * A person's personal invitation: `serial` goes up when the moderator re-issues it (the link is derived
 * from it, so the old one stops at once); `locked` keeps it on the phone it was first claimed on.
 */
export const Invitation = z.object({
  serial: z.number().int().nonnegative(),
  locked: z.boolean(),
  /** When a phone first took it up; null while nobody has. */
  claimedAt: Timestamp.nullable(),
  /** When a phone last took it over from another (invitation_moved); absent if none ever did. */
  movedAt: Timestamp.optional(),
});
export type Invitation = z.infer<typeof Invitation>;
export const NO_INVITATION: Invitation = { serial: 0, locked: false, claimedAt: null };
