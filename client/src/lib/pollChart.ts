import { optionLabel, type Poll } from '@roundtable/shared';
import { t, type MessageKey } from './i18n/index.svelte';

/** One bar of a poll's chart: the option as people read it, its votes and its share of all votes. */
export interface PollBar {
  label: string;
  count: number;
  /** 0–100, rounded: the share of the votes cast, as the minutes and the outcome document write it. */
  percent: number;
}

type Counted = Pick<Poll, 'preset' | 'options' | 'counts'>;

/** A preset's option through the catalog (`poll.option.<key>`), in the language on screen now. */
const translate = (key: string): string => t(key as MessageKey);

/** The bars of a poll, in the order of its options. */
export function pollBars(poll: Counted): PollBar[] {
  const votes = poll.counts.reduce((a, b) => a + b, 0);
  return poll.options.map((_, i) => {
    const count = poll.counts[i] ?? 0;
    return {
      label: optionLabel(poll, i, translate),
      count,
      percent: votes > 0 ? Math.round((100 * count) / votes) : 0,
    };
  });
}

/** The result in one line, for lists and the speech log: "Agree 3 · Disagree 1 · Abstain 0". */
export const pollSummary = (poll: Counted): string =>
  pollBars(poll)
    .map((b) => `${b.label} ${b.count}`)
    .join(' · ');

/** What the choices of a ballot read as: "Agree", or "Option A, Option C". */
export const choiceLabels = (poll: Counted, choices: readonly number[]): string =>
  choices.map((c) => optionLabel(poll, c, translate)).join(', ');
