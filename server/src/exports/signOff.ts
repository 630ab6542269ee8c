import { finalRecord, type Lang, type RoundtableState } from '@roundtable/shared';
import type { AppendedSection } from './exportDoc.js';
import { minutesLabels } from './labels.js';
import { dateTimeAtVenue } from './venueTime.js';

/**
 * The review's sign-off, as the section the minutes and every export of the outcome document end with once
 * the outcome is final: when (at the venue), after which round, which delegations endorsed the text and which
 * did not. Nothing before: a draft must never read as signed.
 */
export function signOffAppendix(state: RoundtableState, lang: Lang): AppendedSection[] {
  const record = finalRecord(state);
  if (!record) return [];
  const l = minutesLabels(lang).signOff;
  const names = (list: { name: string }[]) => list.map((d) => d.name).join(', ') || l.none;
  return [
    {
      title: l.title,
      parts: [
        {
          kind: 'facts',
          lines: [
            `${l.finalisedAt}: ${dateTimeAtVenue(record.finalisedAt, state.timeZone, lang)}`,
            `${l.round}: ${record.round}`,
            `${l.endorsedBy}: ${names(record.endorsedBy)}`,
            `${l.notEndorsed}: ${names(record.notEndorsed)}`,
          ],
        },
        { kind: 'note', text: l.rule },
      ],
    },
  ];
}
