import { SPEECH_KINDS, speakingStatistics, type RoundtableState } from '@roundtable/shared';
import type { Minutes } from './minutes.js';
import { isoAtVenue, seconds } from './venueTime.js';

/** A table for analysts: stable English column names, so a script reads every roundtable's files alike. */
export interface DataTable {
  name: string;
  columns: string[];
  rows: (string | number)[][];
}

/** One row per speech, in the order given: times at the venue with its offset, durations in whole seconds. */
export function speechesTable(minutes: Minutes): DataTable {
  const tz = minutes.header.timeZone;
  const given = [
    ...minutes.items.flatMap((item) => item.speeches.map((s) => ({ item: item.title, s }))),
    ...minutes.outsideAgenda.map((s) => ({ item: '', s })),
  ].sort((a, b) => a.s.start - b.s.start);
  return {
    name: 'speeches',
    columns: ['item', 'name', 'delegation', 'language', 'type', 'start', 'duration_s', 'overtime_s', 'topic'],
    rows: given.map(({ item, s }) => [
      item,
      s.name,
      s.delegation,
      s.language,
      s.kind,
      isoAtVenue(s.start, tz),
      seconds(s.durationMs),
      seconds(s.overtimeMs),
      s.topic,
    ]),
  };
}

/** One row per delegation (and one for the people who speak for none, with an empty name), most time first. */
export function delegationsTable(state: RoundtableState, now: number): DataTable {
  const stats = speakingStatistics(state, now);
  return {
    name: 'delegations',
    columns: [
      'delegation',
      'speakers',
      'speeches',
      ...SPEECH_KINDS,
      'total_s',
      'share_percent',
      'average_s',
      'overtime_s',
    ],
    rows: stats.delegations.map((d) => [
      d.name,
      d.speakers,
      d.count,
      ...SPEECH_KINDS.map((t) => d.speeches[t]),
      seconds(d.totalMs),
      Math.round(d.share * 1000) / 10,
      seconds(d.averageMs),
      seconds(d.overtimeMs),
    ]),
  };
}
