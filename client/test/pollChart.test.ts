import { describe, expect, it, vi } from 'vitest';
import { pollSetup, Scenario } from '../../shared/test/support/roundtable';
import { pollBars, pollSummary } from '../src/lib/pollChart';

// The English catalog in place of the page's i18n (which needs a browser).
vi.mock('../src/lib/i18n/index.svelte', async () => {
  const { en } = await import('../src/lib/i18n/en');
  return { t: (key: string) => (en as Record<string, string>)[key] ?? key };
});

/** A poll of four people, closed: each votes the choices given (none: does not answer). */
function poll(over: Parameters<typeof pollSetup>[0], votes: number[][]) {
  const s = new Scenario();
  const people = ['Ana', 'Ben', 'Cem', 'Dana'].map((name) => s.person(name));
  const { pollId = '' } = s.do({ type: 'poll.start', setup: pollSetup(over) });
  for (const [n, choices] of votes.entries()) s.do({ type: 'poll.vote', pollId, choices }, people[n]!.actor);
  s.do({ type: 'poll.close', pollId });
  return s.state.polls.at(-1)!;
}

describe('a poll’s chart', () => {
  it('gives a single answer’s shares of those who answered, adding up to 100', () => {
    const bars = pollBars(poll({ preset: 'agreement' }, [[0], [0], [0], [1]]));
    expect(bars.map((b) => [b.label, b.count, b.percent])).toEqual([
      ['Agree', 3, 75],
      ['Disagree', 1, 25],
      ['Abstain', 0, 0],
    ]);
  });

  it('gives each of several answers its share of those who answered, as the document writes it, not of all ticks', () => {
    const choice = poll({ preset: 'choice', options: ['Training', 'Funding', 'Data'], multiple: true }, [
      [0, 1],
      [0, 2],
      [0],
      [1],
    ]);
    expect(choice.answered).toBe(4);
    // 3 of the 4 who answered want training: 75 %, though it has 3 of the 6 ticks.
    expect(pollBars(choice).map((b) => b.percent)).toEqual([75, 50, 25]);
    expect(pollSummary(choice)).toBe('Training 3 · Funding 2 · Data 1');
  });

  it('shows no share before anyone answered', () => {
    expect(pollBars(poll({ preset: 'agreement' }, [])).map((b) => b.percent)).toEqual([0, 0, 0]);
  });
});
