import type { Lang, StateView } from '@roundtable/shared';

/** One badge a page (A6, 105 × 148 mm), or four A6 badges on an A4 sheet to cut. */
export const BADGE_FORMATS = ['a6', 'a4'] as const;
export type BadgeFormat = (typeof BADGE_FORMATS)[number];
export const PER_PAGE: Record<BadgeFormat, number> = { a6: 1, a4: 4 };

/** Everyone on the roster, the invitees not arrived yet, or one delegation's people ('' for those without one). */
export type BadgeWho = 'all' | 'expected' | `delegation:${string}`;

export interface BadgeData {
  participantId: string;
  name: string;
  function: string;
  delegationId: string;
  delegation: string;
  expected: boolean;
  /** The person's personal invitation link, for the QR code. */
  url: string;
}

/**
 * The badges there can be: everyone with a personal invitation (removed and banned people have none),
 * except someone the moderator has yet to admit. By delegation, then name, as the badge language sorts;
 * people of no delegation last, so a sheet cut apart comes in piles a delegation's table can take.
 */
export function allBadges(rt: StateView, urls: ReadonlyMap<string, string>, lang: Lang): BadgeData[] {
  const names = new Map(rt.delegations.map((d) => [d.id, d.name]));
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  const badges: BadgeData[] = [];
  for (const p of rt.participants) {
    const url = urls.get(p.id);
    if (url === undefined || p.status === 'pending') continue;
    const delegationId = p.delegationId ?? '';
    const delegation = names.get(delegationId) ?? '';
    badges.push({
      participantId: p.id,
      name: p.name,
      function: p.function,
      delegationId,
      delegation,
      url,
      expected: p.status === 'invited',
    });
  }
  return badges.sort(
    (a, b) =>
      Number(a.delegationId === '') - Number(b.delegationId === '') ||
      collator.compare(a.delegation, b.delegation) ||
      collator.compare(a.name, b.name),
  );
}

export function chosenBadges(badges: readonly BadgeData[], who: BadgeWho): BadgeData[] {
  if (who === 'all') return [...badges];
  if (who === 'expected') return badges.filter((b) => b.expected);
  const id = who.slice('delegation:'.length);
  return badges.filter((b) => b.delegationId === id);
}

/** The delegations on the badges, in their order, with how many each: the "one delegation" choices. */
export function badgeDelegations(badges: readonly BadgeData[]): { id: string; name: string; count: number }[] {
  const seen = new Map<string, { id: string; name: string; count: number }>();
  for (const b of badges) {
    const entry = seen.get(b.delegationId) ?? { id: b.delegationId, name: b.delegation, count: 0 };
    entry.count += 1;
    seen.set(b.delegationId, entry);
  }
  return [...seen.values()];
}

/** The printed pages: `perPage` badges each, in order. */
export function pagesOf<T>(items: readonly T[], perPage: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
  return pages;
}

/** What the browser's print dialog starts with: the paper, edge to edge (the badges keep their own margins). */
export const PAPER: Record<BadgeFormat, string> = { a6: '105mm 148mm', a4: '210mm 297mm' };
