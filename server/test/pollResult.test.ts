import { describe, expect, it } from 'vitest';
import { PRESET_OPTIONS } from '@roundtable/shared';
import { en } from '../../client/src/lib/i18n/en.js';
import { kk } from '../../client/src/lib/i18n/kk.js';
import { ru } from '../../client/src/lib/i18n/ru.js';
import { pollSetup, Scenario } from '../../shared/test/support/roundtable.js';
import { pollResult, WORDS } from '../src/exports/pollResult.js';

describe('a poll’s result in words', () => {
  it('names each option as the phones showed it, in each language', () => {
    const catalogs = { en, ru, kk } as const;
    for (const [lang, catalog] of Object.entries(catalogs) as [keyof typeof catalogs, Record<string, string>][]) {
      for (const key of [...PRESET_OPTIONS.agreement, ...PRESET_OPTIONS.temperature]) {
        expect(WORDS[lang].options[key], `${lang} ${key}`).toBe(catalog[`poll.option.${key}`]);
      }
    }
  });

  it('gives shares of those who answered, so several answers each may add up to more than all', () => {
    const s = new Scenario();
    const [ana, ben] = [s.person('Ana'), s.person('Ben')];
    const { pollId = '' } = s.do({
      type: 'poll.start',
      setup: pollSetup({ question: 'Which first?', preset: 'choice', options: ['Cyber', 'Borders'], multiple: true }),
    });
    s.do({ type: 'poll.vote', pollId, choices: [0, 1] }, ana.actor);
    s.do({ type: 'poll.vote', pollId, choices: [1] }, ben.actor);
    const poll = s.state.polls[0]!;
    expect(pollResult(poll, 'en')).toEqual({
      title: 'Poll: Which first?',
      summary: 'Cyber 1 (50 %), Borders 2 (100 %) — 2 answered, several answers allowed',
    });
    expect(pollResult({ ...poll, counts: [0, 0], answered: 0, question: '' }, 'kk')).toEqual({
      title: 'Сауалнама',
      summary: 'Cyber 0, Borders 0 — жауап бергендер: 0, бірнеше жауап таңдауға болады',
    });
  });
});
