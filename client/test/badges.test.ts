import { describe, expect, it } from 'vitest';
import type { Participant, StateView } from '@roundtable/shared';
import { allBadges, badgeDelegations, chosenBadges, pagesOf } from '../src/lib/badges/badges';

const person = (id: string, name: string, delegationId: string | null, status: Participant['status']): Participant => ({
  id,
  name,
  function: 'Expert',
  delegationId,
  language: 'en',
  role: 'participant',
  status,
  joinedAt: 0,
});
const roster = (participants: Participant[]) =>
  ({
    participants,
    delegations: [
      { id: 'kz', name: 'Казахстан', defaultLanguage: 'kk' },
      { id: 'eu', name: 'Европейский союз', defaultLanguage: 'ru' },
    ],
  }) as unknown as StateView;
const linksOf = (rt: StateView) => new Map(rt.participants.map((p) => [p.id, `https://x/i/rt/${p.id}#key=k`]));

describe('the badges', () => {
  const rt = roster([
    person('a', 'Ержан Әбілқасымов', 'kz', 'invited'),
    person('b', 'Анна Белова', 'eu', 'active'),
    person('c', 'Walk-in', null, 'active'),
    person('d', 'Айгүл Бекова', 'kz', 'active'),
    person('e', 'Waiting at the door', 'kz', 'pending'),
  ]);

  it('go by delegation, then name, as the badge language sorts; people of no delegation last', () => {
    const names = allBadges(rt, linksOf(rt), 'ru').map((b) => b.name);
    expect(names).toEqual(['Анна Белова', 'Айгүл Бекова', 'Ержан Әбілқасымов', 'Walk-in']);
  });

  it('are only for people with an invitation, and not for someone the moderator has yet to admit', () => {
    const links = linksOf(rt);
    links.delete('b');
    expect(
      allBadges(rt, links, 'en')
        .map((b) => b.participantId)
        .sort(),
    ).toEqual(['a', 'c', 'd']);
  });

  it('carry the person’s own link', () => {
    expect(allBadges(rt, linksOf(rt), 'en').find((b) => b.participantId === 'a')?.url).toBe('https://x/i/rt/a#key=k');
  });

  it('are chosen for everyone, the expected only, or one delegation', () => {
    const all = allBadges(rt, linksOf(rt), 'ru');
    expect(chosenBadges(all, 'all')).toHaveLength(4);
    expect(chosenBadges(all, 'expected').map((b) => b.participantId)).toEqual(['a']);
    expect(chosenBadges(all, 'delegation:kz').map((b) => b.participantId)).toEqual(['d', 'a']);
    expect(chosenBadges(all, 'delegation:').map((b) => b.participantId)).toEqual(['c']);
    expect(badgeDelegations(all)).toEqual([
      { id: 'eu', name: 'Европейский союз', count: 1 },
      { id: 'kz', name: 'Казахстан', count: 2 },
      { id: '', name: '', count: 1 },
    ]);
  });

  it('fill pages of four on an A4 sheet', () => {
    expect(pagesOf([1, 2, 3, 4, 5, 6], 4)).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
    expect(pagesOf([], 4)).toEqual([]);
  });
});
