import { isActive, isExpected, type Participant, type StateView } from '@roundtable/shared';

/**
 * How a person stands at the door: `expected` (on the list, not arrived), `desk` (marked arrived at the
 * desk or the console: the one mark the desk may take back), `phone` (their phone took up their personal
 * invitation), `joined` (came in with the join code, or was added by the moderator).
 */
export type Arrival = 'expected' | 'desk' | 'phone' | 'joined';

export function arrivalOf(p: Participant): Arrival {
  if (isExpected(p)) return 'expected';
  if (p.arrivedAt === undefined) return 'joined';
  return (p.invitation?.claimedAt ?? null) === null ? 'desk' : 'phone';
}

/** Who the desk lists: the expected and those in the room; removed and banned people are neither. */
export const onDeskList = (p: Participant): boolean => isExpected(p) || isActive(p);

export const DESK_FILTERS = ['all', 'expected', 'arrived'] as const;
export type DeskFilter = (typeof DESK_FILTERS)[number];

export const inFilter = (p: Participant, filter: DeskFilter): boolean =>
  filter === 'all' || (filter === 'expected') === isExpected(p);

export interface Tally {
  expected: number;
  arrived: number;
  total: number;
}

/** One delegation at the desk; `id` null is the people of no delegation, listed last. */
export interface DeskGroup {
  id: string | null;
  name: string;
  tally: Tally;
  people: Participant[];
}

const tallyOf = (people: readonly Participant[]): Tally => {
  const expected = people.filter(isExpected).length;
  return { expected, arrived: people.length - expected, total: people.length };
};

/**
 * The people by delegation, delegations by name and people by name within each (in the page's language),
 * those of no delegation last. Only delegations with someone in `people`.
 */
export function groupByDelegation(rt: StateView, people: readonly Participant[], lang: string): DeskGroup[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const byId = new Map<string | null, Participant[]>();
  for (const p of people) {
    const list = byId.get(p.delegationId);
    if (list) list.push(p);
    else byId.set(p.delegationId, [p]);
  }
  const named = rt.delegations
    .filter((d) => byId.has(d.id))
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((d) => ({ id: d.id as string | null, name: d.name }));
  // A delegation the view no longer holds would lose its people: they join those of no delegation.
  const known = new Set(named.map((d) => d.id));
  const orphans = [...byId].filter(([id]) => id !== null && !known.has(id)).flatMap(([, list]) => list);
  const none = [...(byId.get(null) ?? []), ...orphans];
  const groups = none.length > 0 ? [...named, { id: null, name: '' }] : named;
  return groups.map(({ id, name }) => {
    const list = (id === null ? none : (byId.get(id) ?? [])).sort((a, b) => collator.compare(a.name, b.name));
    return { id, name, tally: tallyOf(list), people: list };
  });
}

/** The desk's header: everyone on its list, and each delegation's share of it. */
export function attendanceTotals(rt: StateView, lang: string): { all: Tally; groups: DeskGroup[] } {
  const people = rt.participants.filter(onDeskList);
  return { all: tallyOf(people), groups: groupByDelegation(rt, people, lang) };
}
