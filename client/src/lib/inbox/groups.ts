import type { Contribution, ContributionStatus } from '@roundtable/shared';

/** The inbox's tabs: one per status, and everything. */
export const INBOX_FILTERS = ['new', 'used', 'aside', 'all'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** The contributions about one agenda item (`null`: the lessons learned), as the inbox lists them. */
export interface InboxGroup {
  itemId: string | null;
  contributions: Contribution[];
}

const keeps = (filter: InboxFilter, status: ContributionStatus) => filter === 'all' || filter === status;

/** How many contributions each tab would list, for the tabs' own labels. */
export function inboxCounts(items: readonly Contribution[]): Record<InboxFilter, number> {
  const counts: Record<InboxFilter, number> = { new: 0, used: 0, aside: 0, all: items.length };
  for (const c of items) counts[c.status] += 1;
  return counts;
}

/**
 * The contributions a tab lists, by agenda item in the agenda's order (the document's sections are in that
 * order too), then items no longer on the agenda, the lessons learned last. Oldest first within a group: a new
 * arrival joins the bottom, so the row under the rapporteur's pointer never moves as they click it.
 */
export function inboxGroups(
  items: readonly Contribution[],
  agendaIds: readonly string[],
  filter: InboxFilter,
): InboxGroup[] {
  const byItem = new Map<string | null, Contribution[]>();
  const kept = items.filter((c) => keeps(filter, c.status)).sort((a, b) => a.at - b.at);
  for (const c of kept) {
    const group = byItem.get(c.itemId);
    if (group) group.push(c);
    else byItem.set(c.itemId, [c]);
  }
  const rank = (itemId: string | null) => {
    if (itemId === null) return agendaIds.length + 1;
    const index = agendaIds.indexOf(itemId);
    return index === -1 ? agendaIds.length : index;
  };
  return [...byItem]
    .map(([itemId, contributions]) => ({ itemId, contributions }))
    .sort((a, b) => rank(a.itemId) - rank(b.itemId) || a.contributions[0]!.at - b.contributions[0]!.at);
}
