import type { Lang, Poll } from '@roundtable/shared';
import { TEMPERATURE_EMOJI } from '@roundtable/shared';

/**
 * The words a poll's result is written with, in the minutes and in the outcome document; the options in the
 * words the phones showed (client catalogs' `poll.option.*`, held equal by server/test/pollResult.test.ts).
 */
export const WORDS = {
  en: {
    poll: 'Poll',
    answered: (n: number) => (n === 1 ? '1 answered' : `${n} answered`),
    perDelegation: 'one vote per delegation',
    anonymous: 'anonymous',
    multiple: 'several answers allowed',
    options: {
      agree: 'Agree',
      disagree: 'Disagree',
      abstain: 'Abstain',
      strong_yes: 'Strong positive',
      yes: 'Positive',
      following: 'Following',
      confused: 'Confused',
      indifferent: 'Indifferent',
      unconvinced: 'Unconvinced',
    } as Record<string, string>,
  },
  ru: {
    poll: 'Опрос',
    answered: (n: number) => `ответили: ${n}`,
    perDelegation: 'один голос от делегации',
    anonymous: 'анонимно',
    multiple: 'можно выбрать несколько ответов',
    options: {
      agree: 'За',
      disagree: 'Против',
      abstain: 'Воздерживаюсь',
      strong_yes: 'Очень положительно',
      yes: 'Положительно',
      following: 'Слежу за обсуждением',
      confused: 'Непонятно',
      indifferent: 'Безразлично',
      unconvinced: 'Не убеждает',
    } as Record<string, string>,
  },
  kk: {
    poll: 'Сауалнама',
    answered: (n: number) => `жауап бергендер: ${n}`,
    perDelegation: 'делегациядан бір дауыс',
    anonymous: 'жасырын',
    multiple: 'бірнеше жауап таңдауға болады',
    options: {
      agree: 'Келісемін',
      disagree: 'Келіспеймін',
      abstain: 'Қалыс қаламын',
      strong_yes: 'Толық қолдаймын',
      yes: 'Қолдаймын',
      following: 'Талқылауды бақылап отырмын',
      confused: 'Түсініксіз',
      indifferent: 'Бәрібір',
      unconvinced: 'Сендірмейді',
    } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;

export interface PollResult {
  /** "Poll: Can we agree on this lesson?" (or "Poll" alone when it asked no question). */
  title: string;
  /** "Agree 12 (75 %), Disagree 3 (19 %), Abstain 1 (6 %) — 16 answered, one vote per delegation, anonymous". */
  summary: string;
}

/** A poll's result as a sentence in `lang`: each option with its votes and share, then how it was counted. */
export function pollResult(poll: Poll, lang: Lang): PollResult {
  const w = WORDS[lang];
  const option = (key: string) =>
    poll.preset === 'choice'
      ? key
      : `${poll.preset === 'temperature' ? `${TEMPERATURE_EMOJI[key] ?? ''} ` : ''}${w.options[key] ?? key}`;
  const shares = poll.options.map((key, i) => {
    const n = poll.counts[i] ?? 0;
    // A share of those who answered: with several answers allowed, the shares add up to more than 100 %.
    return poll.answered > 0
      ? `${option(key)} ${n} (${Math.round((100 * n) / poll.answered)} %)`
      : `${option(key)} ${n}`;
  });
  const how = [
    w.answered(poll.answered),
    ...(poll.voters === 'delegation' ? [w.perDelegation] : []),
    ...(poll.multiple ? [w.multiple] : []),
    ...(poll.anonymous ? [w.anonymous] : []),
  ];
  return {
    title: poll.question ? `${w.poll}: ${poll.question}` : w.poll,
    summary: `${shares.join(', ')} — ${how.join(', ')}`,
  };
}
