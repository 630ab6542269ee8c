import type { Lang, Poll } from '@roundtable/shared';
import { TEMPERATURE_EMOJI } from '@roundtable/shared';

/** The words a poll's result is written with, in the minutes and in the outcome document. */
const WORDS = {
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
      abstain: 'Воздержались',
      strong_yes: 'Очень положительно',
      yes: 'Положительно',
      following: 'Слежу',
      confused: 'Неясно',
      indifferent: 'Всё равно',
      unconvinced: 'Не убеждён',
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
      strong_yes: 'Өте оң',
      yes: 'Оң',
      following: 'Бақылап отырмын',
      confused: 'Түсініксіз',
      indifferent: 'Бәрібір',
      unconvinced: 'Сенімді емеспін',
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
  const votes = poll.counts.reduce((a, b) => a + b, 0);
  const option = (key: string) =>
    poll.preset === 'choice'
      ? key
      : `${poll.preset === 'temperature' ? `${TEMPERATURE_EMOJI[key] ?? ''} ` : ''}${w.options[key] ?? key}`;
  const shares = poll.options.map((key, i) => {
    const n = poll.counts[i] ?? 0;
    return votes > 0 ? `${option(key)} ${n} (${Math.round((100 * n) / votes)} %)` : `${option(key)} ${n}`;
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
