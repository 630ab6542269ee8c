import { attendanceParts, presentLine } from './attendanceParts.js';
import { appendixParts, headerParts, type AppendedSection, type ExportDoc, type Part } from './exportDoc.js';
import { minutesLabels, type MinutesLabels } from './labels.js';
import type { Minutes, MinutesItem, MinutesSpeech } from './minutes.js';
import type { PollResult } from './pollResult.js';
import { clockAtVenue, duration, hoursMinutesAtVenue } from './venueTime.js';

/** Relative widths of the speech table's columns: time, speaker, type, language, duration, topic. */
const SPEECH_WIDTHS = [11, 28, 14, 7, 18, 22];

function span(from: number, to: number | null, timeZone: string, l: MinutesLabels): string {
  return `${hoursMinutesAtVenue(from, timeZone)}–${to === null ? l.running : hoursMinutesAtVenue(to, timeZone)}`;
}

function timesOf(item: MinutesItem, timeZone: string, l: MinutesLabels): string[] {
  const planned = `${l.planned}: ${span(item.plannedStart, item.plannedEnd, timeZone, l)}`;
  const actual =
    item.status === 'skipped' && item.runs.length === 0
      ? l.skipped
      : item.runs.length === 0
        ? l.notStarted
        : item.runs.map((r) => span(r.start, r.end, timeZone, l)).join(', ');
  return [planned, `${l.actual}: ${actual}`];
}

export function speakerOf(s: MinutesSpeech): string {
  const about = [s.function, s.delegation].filter(Boolean).join(', ');
  return about ? `${s.name} (${about})` : s.name;
}

function speechTable(speeches: readonly MinutesSpeech[], timeZone: string, l: MinutesLabels): Part {
  return {
    kind: 'table',
    columns: [l.time, l.speaker, l.type, l.language, l.duration, l.topic],
    widths: SPEECH_WIDTHS,
    rows: speeches.map((s) => [
      clockAtVenue(s.start, timeZone),
      speakerOf(s),
      l.types[s.kind],
      s.language,
      s.overtimeMs > 0
        ? `${duration(s.durationMs)} (+${duration(s.overtimeMs)} ${l.overtime})`
        : duration(s.durationMs),
      s.topic,
    ]),
  };
}

/** Each poll's result as a line: its question, then the votes and how they were counted. */
const pollParts = (title: string, polls: readonly PollResult[], level: 2 | 3 = 3): Part[] =>
  polls.length > 0
    ? [
        { kind: 'heading', level, text: title },
        { kind: 'list', items: polls.map((p) => `${p.title} — ${p.summary}`) },
      ]
    : [];

function itemParts(item: MinutesItem, n: number, timeZone: string, l: MinutesLabels): Part[] {
  return [
    { kind: 'heading', level: 2, text: `${n}. ${item.title}` },
    { kind: 'facts', lines: [...timesOf(item, timeZone, l), ...presentLine(item, l)] },
    { kind: 'heading', level: 3, text: l.speeches },
    item.speeches.length > 0 ? speechTable(item.speeches, timeZone, l) : { kind: 'note', text: l.noSpeeches },
    ...pollParts(l.polls, item.polls),
    { kind: 'heading', level: 3, text: l.record },
    item.text.length > 0 ? { kind: 'content', blocks: item.text } : { kind: 'note', text: l.noRecord },
  ];
}

/**
 * The minutes as an export, in the minutes' language. `appendix` is where another record joins them at
 * the end (the review's sign-off), in every format at once.
 */
export function minutesDocument(minutes: Minutes, appendix: readonly AppendedSection[] = []): ExportDoc {
  const { header } = minutes;
  const l = minutesLabels(header.lang);
  const tz = header.timeZone;
  const attendance = attendanceParts(minutes, l);
  const outside: Part[] =
    minutes.outsideAgenda.length > 0
      ? [{ kind: 'heading', level: 2, text: l.outsideAgenda }, speechTable(minutes.outsideAgenda, tz, l)]
      : [];
  const polls = pollParts(l.pollsOutside, minutes.pollsOutside, 2);
  const other: Part[] = minutes.otherSections.flatMap((s): Part[] => [
    { kind: 'heading', level: 2, text: s.title || l.otherSections },
    { kind: 'content', blocks: s.blocks },
  ]);
  return {
    lang: header.lang,
    title: `${header.title} — ${l.minutes}`,
    parts: [
      ...headerParts(header),
      { kind: 'heading', level: 2, text: l.minutes },
      ...attendance,
      { kind: 'heading', level: 2, text: l.agenda },
      ...minutes.items.flatMap((item, i) => itemParts(item, i + 1, tz, l)),
      ...outside,
      ...polls,
      ...other,
      ...appendixParts(appendix),
    ],
  };
}
