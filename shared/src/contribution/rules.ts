/** Written contributions, as plain constants and functions (no zod), so the phone loads no schemas. */

export const CONTRIBUTION_LIMITS = { text: 2000, perPersonPerItem: 3, total: 2000 } as const;

/** `new` until a rapporteur uses it in the document or sets it aside. */
export const CONTRIBUTION_STATUSES = ['new', 'used', 'aside'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** What a contribution is for: the item under way, or the closing lessons learned. */
export const CONTRIBUTION_TOPICS = ['item', 'lessons'] as const;
export type ContributionTopic = (typeof CONTRIBUTION_TOPICS)[number];

interface ContributionFacts {
  participantId: string;
  itemId: string | null;
}

/** How many more a person may write for an item (null: the lessons learned). */
export function contributionsLeft(
  contributions: readonly ContributionFacts[],
  participantId: string,
  itemId: string | null,
): number {
  const sent = contributions.filter((c) => c.participantId === participantId && c.itemId === itemId).length;
  return Math.max(0, CONTRIBUTION_LIMITS.perPersonPerItem - sent);
}

/** Who wrote a contribution, as the document attributes it: the name (set in bold), then " (delegation)". */
export function attributionParts(name: string, delegation: string | null): [name: string, rest: string] {
  return [name, delegation ? ` (${delegation})` : ''];
}

/** "Name (delegation)", as the projector shows it. */
export const attribution = (name: string, delegation: string | null): string =>
  attributionParts(name, delegation).join('');
