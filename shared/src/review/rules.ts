/**
 * The review of the outcome document, as plain constants and functions (no zod), so a phone that shows
 * the review buttons loads no schemas. The schemas are in schema.ts.
 */

/** What these helpers read of a review (the schema in schema.ts matches it). */
interface Review {
  status: (typeof REVIEW_STATUSES)[number];
  deadline: number | null;
  sections: readonly string[];
  responses: readonly { sectionId: string; delegationId: string; response: ReviewAnswer; by: string }[];
  heads: readonly string[];
  everyoneResponds: boolean;
  final: {
    at: number;
    round: number;
    versionId: string;
    endorsedBy: readonly string[];
    delegations?: readonly { id: string; name: string }[];
  } | null;
}
type ResponseOf<R extends Pick<Review, 'responses'>> = R['responses'][number];

export const REVIEW_ANSWERS = ['endorse', 'comment', 'object'] as const;
export type ReviewAnswer = (typeof REVIEW_ANSWERS)[number];
/** `writing`: no review running (none yet, or reopened); `open`: frozen for responses; `final`: frozen for good. */
export const REVIEW_STATUSES = ['writing', 'open', 'final'] as const;
export const REVIEW_TEXT_MAX = 1000;

/**
 * A section of the outcome document is named by the agenda item whose heading starts it (`data-item`
 * on the heading, server/src/yjs/outline.ts), or by one of these for the closing sections.
 */
export const CLOSING_SECTION_IDS = ['lessons', 'next'] as const;

/** Nobody's update is applied to the document while a review runs or once it is final. */
export const isFrozen = (review: Pick<Review, 'status'>): boolean => review.status !== 'writing';

/** Whether the review takes responses at `now`: open, and its deadline not passed. */
export const takesResponses = (review: Pick<Review, 'status' | 'deadline'>, now: number): boolean =>
  review.status === 'open' && (review.deadline === null || now < review.deadline);

/** Whether a person may answer for their delegation: marked its head, or the moderator lets everyone answer. */
export function mayRespond(review: Pick<Review, 'heads' | 'everyoneResponds'>, participantId: string): boolean {
  return review.everyoneResponds || review.heads.includes(participantId);
}

/** The delegation's answer to a section in the current round, if it gave one. */
export function responseOf<R extends Pick<Review, 'responses'>>(
  review: R,
  delegationId: string,
  sectionId: string,
): ResponseOf<R> | undefined {
  return review.responses.find((r) => r.delegationId === delegationId && r.sectionId === sectionId);
}

/** Delegations that endorsed every section under review in this round: who signs the final text. */
export function endorsingDelegations(review: Pick<Review, 'responses' | 'sections'>): string[] {
  const endorsed = new Map<string, Set<string>>();
  for (const r of review.responses) {
    if (r.response !== 'endorse') continue;
    const set = endorsed.get(r.delegationId) ?? new Set<string>();
    set.add(r.sectionId);
    endorsed.set(r.delegationId, set);
  }
  return [...endorsed]
    .filter(([, sections]) => review.sections.every((s) => sections.has(s)))
    .map(([delegationId]) => delegationId);
}

/** What the exports append to a finalised outcome: when, after which round, who endorsed it and who did not. */
export interface FinalRecord {
  finalisedAt: number;
  round: number;
  versionId: string;
  endorsedBy: { delegationId: string; name: string }[];
  /** The roundtable's other delegations: objected, commented on a section, or did not answer. */
  notEndorsed: { delegationId: string; name: string }[];
}

export function finalRecord(state: {
  review: Pick<Review, 'final'>;
  delegations: readonly { id: string; name: string }[];
}): FinalRecord | null {
  const final = state.review.final;
  if (!final) return null;
  // As signed: the delegations of the day, not as renamed or added since (older outcomes: today's).
  const signed = final.delegations ?? state.delegations;
  const names = new Map(signed.map((d) => [d.id, d.name]));
  return {
    finalisedAt: final.at,
    round: final.round,
    versionId: final.versionId,
    endorsedBy: final.endorsedBy.map((delegationId) => ({ delegationId, name: names.get(delegationId) ?? '' })),
    notEndorsed: signed
      .filter((d) => !final.endorsedBy.includes(d.id))
      .map((d) => ({ delegationId: d.id, name: d.name })),
  };
}
