import { z } from 'zod';
import { Id } from './common.js';
import { ProfileFields } from './commands.js';
import { Delegation } from './state.js';
import { PrivacyNotice, RetentionDays } from './roster/retention.js';
import { LINK_SECRET_MIN } from './secrets.js';

/** A device's own secret, made on the phone the first time it joins; it keeps the person's identity. */
export const DeviceToken = z
  .string()
  .min(LINK_SECRET_MIN, 'device token too short')
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'device token must be base64url');

export const JoinRequest = z
  .object({ code: z.string().max(20), deviceToken: DeviceToken, profile: ProfileFields })
  .strict();
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinResponse = z.object({
  roundtableId: Id,
  participantId: Id,
  rejoined: z.boolean(),
  /** In the roster but waiting for a moderator's approval: the name and delegation are those of someone banned. */
  pending: z.boolean(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

/** What the join page shows before a person joins. */
export const JoinPreview = z.object({
  roundtableId: Id,
  title: z.record(z.string(), z.string()),
  organisers: z.array(z.string()),
  venue: z.string(),
  startsAt: z.string().nullable(),
  languages: z.array(z.string()),
  delegations: z.array(Delegation),
  joinLocked: z.boolean(),
  /** Only personal invitations and the registration desk bring people in: the page says to ask the desk. */
  invitationOnly: z.boolean(),
  /** The moderator's notice, per language; a language without one reads the default (docs/PRIVACY.md). */
  privacyNotice: PrivacyNotice,
  retentionDays: RetentionDays,
});
export type JoinPreview = z.infer<typeof JoinPreview>;

/** A phone taking up a personal invitation (invitationPath): whose it is, its proof, and the phone's own token. */
export const ClaimRequest = z
  .object({
    roundtableId: Id,
    participantId: Id,
    key: z.string().min(LINK_SECRET_MIN).max(200),
    deviceToken: DeviceToken,
  })
  .strict();
export type ClaimRequest = z.infer<typeof ClaimRequest>;

/** A personal invitation taken up: the person the phone now is, as the organisers listed them. */
export const ClaimResponse = JoinResponse.extend({
  profile: ProfileFields.extend({ delegationName: z.string() }),
});
export type ClaimResponse = z.infer<typeof ClaimResponse>;

/** The personal invitations' links, for badges, the mail-merge file and the desk's walk-ins. */
export const InvitationList = z.object({
  invitations: z.array(z.object({ participantId: Id, url: z.string() })),
});
export type InvitationList = z.infer<typeof InvitationList>;

/** A list of invitees imported: how many people it put on the roster, as the preview showed them. */
export const InviteeImportResult = z.object({ imported: z.number().int().nonnegative(), version: z.number().int() });
export type InviteeImportResult = z.infer<typeof InviteeImportResult>;

export const CreateRoundtableResponse = z.object({
  roundtableId: Id,
  joinCode: z.string(),
  joinUrl: z.string(),
  moderatorLinkId: Id,
  moderatorSecret: z.string(),
  moderatorUrl: z.string(),
});
export type CreateRoundtableResponse = z.infer<typeof CreateRoundtableResponse>;

/** Saving a named version of the outcome document ("Draft for delegations' review"). */
export const SaveDocVersionRequest = z
  .object({ name: z.string().trim().min(1, 'must not be empty').max(120) })
  .strict();
