import { localize, speechLog, type Lang, type SpeechRecord, type StateView } from '@roundtable/shared';

/** A line of the log with the names it shows, looked up once, and the text a search looks in. */
export interface LogRow {
  record: SpeechRecord;
  name: string;
  function: string;
  delegation: string;
  item: string;
  haystack: string;
}

/**
 * The log's lines, newest first. Names are looked up in maps built once per state, so 2,000 people and
 * hundreds of speeches cost a few thousand map operations, not a scan of the roster per line.
 */
export function logRows(rt: StateView, lang: Lang): LogRow[] {
  const people = new Map(rt.participants.map((p) => [p.id, p]));
  const delegations = new Map(rt.delegations.map((d) => [d.id, d.name]));
  const items = new Map(rt.agenda.map((i) => [i.id, localize(i.title, lang, rt.languages)]));
  return speechLog(rt).map((record) => {
    const { participantId, delegationId, itemId } = record.speech;
    const person = people.get(participantId);
    const row = {
      record,
      name: person?.name ?? '—',
      function: person?.function ?? '',
      delegation: (delegationId && delegations.get(delegationId)) || '',
      item: (itemId && items.get(itemId)) || '',
    };
    return { ...row, haystack: `${row.name}\n${row.delegation}\n${row.item}`.toLocaleLowerCase(lang) };
  });
}
