import { z } from 'zod';
import { Id, optionalText, Timestamp } from '../common.js';
import { REVIEW_ANSWERS, REVIEW_STATUSES, REVIEW_TEXT_MAX } from './rules.js';

/** An agenda item's id, or a closing section's name (rules.ts `CLOSING_SECTION_IDS`). */
export const SectionId = Id;

/** One delegation's answer to one section in the current round; a later one replaces it. */
export const ReviewResponse = z.object({
  sectionId: SectionId,
  delegationId: Id,
  response: z.enum(REVIEW_ANSWERS),
  /** Empty for an endorsement; required for a comment or an objection. Left out of the public view. */
  text: optionalText(REVIEW_TEXT_MAX),
  /** Who answered for the delegation. */
  by: Id,
  at: Timestamp,
});
export type ReviewResponse = z.infer<typeof ReviewResponse>;

export const FinalOutcome = z.object({
  at: Timestamp,
  round: z.number().int().positive(),
  /** The named version holding the final text. */
  versionId: Id,
  /** Delegations that endorsed every section in the last round. */
  endorsedBy: z.array(Id),
  /**
   * The roundtable's delegations as they were when it was finalised, names as signed: the record does not
   * change when one is renamed, removed or added later. Absent in outcomes finalised before it was kept.
   */
  delegations: z.array(z.object({ id: Id, name: z.string() })).optional(),
});
export type FinalOutcome = z.infer<typeof FinalOutcome>;

export const ReviewState = z.object({
  status: z.enum(REVIEW_STATUSES),
  /** The round under way or last held; 0 before the first review. */
  round: z.number().int().nonnegative(),
  openedAt: Timestamp.nullable(),
  deadline: Timestamp.nullable(),
  /** The sections under review, fixed when the round opens. */
  sections: z.array(SectionId),
  /** The current round's answers (kept after a reopen, so the rapporteurs see what to address). */
  responses: z.array(ReviewResponse),
  /** The named version "Draft for review" of the current round, saved by the server as the round opens. */
  draftVersionId: Id.nullable(),
  /** People marked head of delegation: they answer for it. Here, not in the roster, so every phone's view holds it. */
  heads: z.array(Id),
  /** The moderator lets every participant answer for their delegation. */
  everyoneResponds: z.boolean(),
  final: FinalOutcome.nullable(),
});
export type ReviewState = z.infer<typeof ReviewState>;

export const EMPTY_REVIEW: ReviewState = {
  status: 'writing',
  round: 0,
  openedAt: null,
  deadline: null,
  sections: [],
  responses: [],
  draftVersionId: null,
  heads: [],
  everyoneResponds: false,
  final: null,
};
