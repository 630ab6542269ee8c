import { describe, expect, it } from 'vitest';
import type { Contribution, ContributionStatus } from '@roundtable/shared';
import { inboxCounts, inboxGroups } from '../src/lib/inbox/groups';

const contribution = (
  id: string,
  itemId: string | null,
  at: number,
  status: ContributionStatus = 'new',
): Contribution => ({ id, participantId: `p-${id}`, delegationId: null, itemId, text: id, at, status });

const ids = (groups: ReturnType<typeof inboxGroups>) => groups.map((g) => [g.itemId, g.contributions.map((c) => c.id)]);

describe('the rapporteurs’ inbox', () => {
  const agenda = ['opening', 'cyber', 'closing'];
  const items = [
    contribution('lessons-1', null, 10),
    contribution('cyber-2', 'cyber', 40),
    contribution('opening-1', 'opening', 5, 'used'),
    contribution('cyber-1', 'cyber', 20),
    contribution('gone-1', 'removed', 30, 'aside'),
  ];

  it('groups by agenda item in the agenda’s order, items no longer on it next, the lessons learned last', () => {
    expect(ids(inboxGroups(items, agenda, 'all'))).toEqual([
      ['opening', ['opening-1']],
      ['cyber', ['cyber-1', 'cyber-2']],
      ['removed', ['gone-1']],
      [null, ['lessons-1']],
    ]);
  });

  it('lists the oldest first within a group, so a new arrival joins the bottom', () => {
    const later = [...items, contribution('cyber-3', 'cyber', 50)];
    expect(
      inboxGroups(later, agenda, 'new')
        .find((g) => g.itemId === 'cyber')
        ?.contributions.map((c) => c.id),
    ).toEqual(['cyber-1', 'cyber-2', 'cyber-3']);
  });

  it('keeps what a tab lists, and leaves out the groups it empties', () => {
    expect(ids(inboxGroups(items, agenda, 'new'))).toEqual([
      ['cyber', ['cyber-1', 'cyber-2']],
      [null, ['lessons-1']],
    ]);
    expect(ids(inboxGroups(items, agenda, 'used'))).toEqual([['opening', ['opening-1']]]);
    expect(ids(inboxGroups(items, agenda, 'aside'))).toEqual([['removed', ['gone-1']]]);
    expect(inboxGroups([], agenda, 'all')).toEqual([]);
  });

  it('counts each tab', () => {
    expect(inboxCounts(items)).toEqual({ new: 3, used: 1, aside: 1, all: 5 });
    expect(inboxCounts([])).toEqual({ new: 0, used: 0, aside: 0, all: 0 });
  });
});
