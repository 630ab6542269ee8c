import { SPEECH_KINDS, type SpeechCounts } from '@roundtable/shared';
import { i18n, t } from '../../../lib/i18n/index.svelte';

const percents = new Map<string, Intl.NumberFormat>();

/** A share of the speaking time as the moderator's language writes a percentage: "41.7 %", "41,7 %". */
export function percent(share: number): string {
  let format = percents.get(i18n.lang);
  if (!format) {
    format = new Intl.NumberFormat(i18n.lang, { style: 'percent', maximumFractionDigits: 1 });
    percents.set(i18n.lang, format);
  }
  return format.format(share);
}

/** The kinds of speech someone gave, most formal first, leaving out the kinds they never gave. */
export function speechKinds(counts: SpeechCounts): { type: (typeof SPEECH_KINDS)[number]; label: string; n: number }[] {
  const order = ['opening', 'speech', 'reply', 'question', 'point_of_order'] as const;
  return order
    .filter((type) => counts[type] > 0)
    .map((type) => ({ type, label: t(`request.${type}`), n: counts[type] }));
}
