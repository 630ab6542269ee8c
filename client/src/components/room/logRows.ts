import {
  isOpen,
  localize,
  speechLog,
  type Lang,
  type Poll,
  type SpeechRecord,
  type StateView,
} from '@roundtable/shared';

/** A line of the log with the names it shows, looked up once, and the text a search looks in. */
export interface LogRow {
  kind: 'speech';
  record: SpeechRecord;
  name: string;
  function: string;
  delegation: string;
  item: string;
  haystack: string;
}

/** A closed poll among the speeches: when it was asked, on which item. */
export interface PollRow {
  kind: 'poll';
  poll: Poll;
  item: string;
  haystack: string;
}

export type LogEntry = LogRow | PollRow;

/**
 * The log's lines, newest first: the speeches, and the closed polls where they were asked among them.
 * Names are looked up in maps built once per state, so 2,000 people and hundreds of speeches cost a few
 * thousand map operations, not a scan of the roster per line.
 */
export function logRows(rt: StateView, lang: Lang): LogEntry[] {
  const people = new Map(rt.participants.map((p) => [p.id, p]));
  const delegations = new Map(rt.delegations.map((d) => [d.id, d.name]));
  const items = new Map(rt.agenda.map((i) => [i.id, localize(i.title, lang, rt.languages)]));
  const itemOf = (id: string | null) => (id && items.get(id)) || '';
  const speeches = speechLog(rt).map((record): LogRow => {
    const { participantId, delegationId, itemId } = record.speech;
    const person = people.get(participantId);
    const row = {
      kind: 'speech' as const,
      record,
      name: person?.name ?? '—',
      function: person?.function ?? '',
      delegation: (delegationId && delegations.get(delegationId)) || '',
      item: itemOf(itemId),
    };
    return { ...row, haystack: `${row.name}\n${row.delegation}\n${row.item}`.toLocaleLowerCase(lang) };
  });
  const polls = rt.polls
    .filter((p) => !isOpen(p))
    .sort((a, b) => b.openedAt - a.openedAt)
    .map((poll): PollRow => {
      const item = itemOf(poll.itemId);
      return { kind: 'poll', poll, item, haystack: `${poll.question}\n${item}`.toLocaleLowerCase(lang) };
    });
  return newestFirst(speeches, polls);
}

/** Both lists newest first, merged by when each began; the speeches keep their order among themselves. */
function newestFirst(speeches: LogRow[], polls: PollRow[]): LogEntry[] {
  const entries: LogEntry[] = [];
  let p = 0;
  for (const speech of speeches) {
    while (p < polls.length && (polls[p] as PollRow).poll.openedAt > speech.record.speech.start) {
      entries.push(polls[p] as PollRow);
      p++;
    }
    entries.push(speech);
  }
  return entries.concat(polls.slice(p));
}
