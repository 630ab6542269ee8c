import {
  bannedLookalike,
  isActive,
  isExpected,
  type Lang,
  type Participant,
  type PersonRole,
  type StateView,
} from '@roundtable/shared';
import { delegationName } from '../../lib/floor';
import { personMatcher } from '../../lib/personSearch';

export const STATUS_FILTERS = ['all', 'active', 'online', 'invited', 'inactive'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const ROSTER_SORTS = ['joined', 'newest', 'name', 'delegation'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

/** How many people each status filter would show, for the filter's own labels. */
export type StatusCounts = Record<StatusFilter, number>;

/** A delegation's id; `null` is every delegation, `''` (never an id) is people without one. */
export type DelegationFilter = string | null;
export const NO_DELEGATION = '';

/**
 * What the moderator narrows the roster to: a search over name, function and delegation,
 * a status (everyone, active, connected now, expected invitees, removed or banned), a role, a delegation, and an order.
 * People waiting for approval are not in the roster yet: they are listed above it (see `awaitingApproval`).
 */
export class RosterFilter {
  search = $state('');
  status = $state<StatusFilter>('all');
  role = $state<PersonRole | 'all'>('all');
  delegation = $state<DelegationFilter>(null);
  sort = $state<RosterSort>('joined');

  /** Whether anything narrows the list (the order alone does not). */
  get narrowed(): boolean {
    return this.search.trim() !== '' || this.status !== 'all' || this.role !== 'all' || this.delegation !== null;
  }

  reset(): void {
    this.search = '';
    this.status = 'all';
    this.role = 'all';
    this.delegation = null;
  }

  /** The rows to show, in the chosen order. */
  apply(rt: StateView, online: ReadonlySet<string>, lang: Lang): Participant[] {
    const matches = personMatcher(rt, this.search, lang);
    const rows = rt.participants.filter(
      (p) =>
        p.status !== 'pending' &&
        matchesStatus(p, this.status, online) &&
        (this.role === 'all' || p.role === this.role) &&
        (this.delegation === null || (p.delegationId ?? NO_DELEGATION) === this.delegation) &&
        matches(p),
    );
    const collator = new Intl.Collator(lang, { sensitivity: 'base' });
    // `rows` is a fresh array from filter(), so sorting it in place is safe.
    switch (this.sort) {
      case 'newest':
        return rows.sort((a, b) => b.joinedAt - a.joinedAt);
      case 'name':
        return rows.sort((a, b) => collator.compare(a.name, b.name));
      case 'delegation':
        return rows.sort(
          (a, b) =>
            collator.compare(delegationName(rt, a.delegationId), delegationName(rt, b.delegationId)) ||
            collator.compare(a.name, b.name),
        );
      default:
        return rows;
    }
  }
}

/** The delegations people in the roster belong to, by name, with how many each has; then those without one. */
export function delegationCounts(rt: StateView, lang: Lang): { id: string; name: string; count: number }[] {
  const counts: Record<string, number> = {};
  for (const p of rt.participants) {
    if (p.status === 'pending') continue;
    const id = p.delegationId ?? NO_DELEGATION;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const named = rt.delegations
    .filter((d) => counts[d.id])
    .map((d) => ({ id: d.id, name: d.name, count: counts[d.id] ?? 0 }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const none = counts[NO_DELEGATION];
  return none ? [...named, { id: NO_DELEGATION, name: '', count: none }] : named;
}

export function statusCounts(rt: StateView, online: ReadonlySet<string>): StatusCounts {
  const counts: StatusCounts = { all: 0, active: 0, online: 0, invited: 0, inactive: 0 };
  for (const p of rt.participants) {
    if (p.status === 'pending') continue;
    for (const s of STATUS_FILTERS) if (matchesStatus(p, s, online)) counts[s]++;
  }
  return counts;
}

/** Someone waiting for a moderator's approval, and the banned person they look like (while that one is still banned). */
export interface AwaitingApproval {
  participant: Participant;
  resembles: Participant | undefined;
}

/** Everyone waiting for approval, first come first; the console shows them above the roster. */
export function awaitingApproval(rt: StateView): AwaitingApproval[] {
  return rt.participants
    .filter((p) => p.status === 'pending')
    .map((participant) => ({ participant, resembles: bannedLookalike(rt, participant) }));
}

function matchesStatus(p: Participant, status: StatusFilter, online: ReadonlySet<string>): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'active':
      return isActive(p);
    case 'online':
      return isActive(p) && online.has(p.id);
    case 'invited':
      return isExpected(p);
    case 'inactive':
      return p.status === 'removed' || p.status === 'banned';
  }
}
