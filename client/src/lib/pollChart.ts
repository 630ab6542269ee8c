import { optionLabel, type Poll } from '@roundtable/shared';
import { t, type MessageKey } from './i18n/index.svelte';

/** One bar of a poll's chart: the option as people read it, its votes and its share of those who answered. */
export interface PollBar {
  label: string;
  count: number;
  /**
   * 0–100, rounded: the share of those who answered, as the minutes and the outcome document write it. With
   * several answers allowed the shares add up to more than 100: "75 % want training" whatever else they ticked.
   */
  percent: number;
}

type Counted = Pick<Poll, 'preset' | 'options' | 'counts'>;
type Answered = Counted & Pick<Poll, 'answered'>;

/** A preset's option through the catalog (`poll.option.<key>`), in the language on screen now. */
const translate = (key: string): string => t(key as MessageKey);

/** The bars of a poll, in the order of its options. */
export function pollBars(poll: Answered): PollBar[] {
  const { answered } = poll;
  return poll.options.map((_, i) => {
    const count = poll.counts[i] ?? 0;
    return {
      label: optionLabel(poll, i, translate),
      count,
      percent: answered > 0 ? Math.round((100 * count) / answered) : 0,
    };
  });
}

/** The result in one line, for lists and the speech log: "Agree 3 · Disagree 1 · Abstain 0". */
export const pollSummary = (poll: Counted): string =>
  poll.options.map((_, i) => `${optionLabel(poll, i, translate)} ${poll.counts[i] ?? 0}`).join(' · ');

/** What the choices of a ballot read as: "Agree", or "Option A, Option C". */
export const choiceLabels = (poll: Counted, choices: readonly number[]): string =>
  choices.map((c) => optionLabel(poll, c, translate)).join(', ');
