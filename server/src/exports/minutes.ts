import {
  forecast,
  localize,
  speechLimitMs,
  type AgendaItemKind,
  type AgendaItemStatus,
  type AgendaRun,
  type Lang,
  type PersonRole,
  type RoundtableState,
  type Speech,
  type SpeechKind,
} from '@roundtable/shared';
import type { Block } from '@roundtable/shared/document';
import type { Attendance } from '../store/store.js';
import { exportHeader, type ExportHeader } from '../yjs/exportHeader.js';
import { withText, type DocSection } from './sections.js';
import { pollResult, type PollResult } from './pollResult.js';

export interface MinutesSpeech {
  speechId: string;
  name: string;
  function: string;
  /** The delegation the person spoke for then; '' for none. */
  delegation: string;
  language: string;
  kind: SpeechKind;
  topic: string;
  start: number;
  durationMs: number;
  overtimeMs: number;
}

export interface MinutesItem {
  itemId: string;
  title: string;
  kind: AgendaItemKind;
  status: AgendaItemStatus;
  plannedStart: number;
  plannedEnd: number;
  /** Every stretch the item really ran; reopening adds one. */
  runs: AgendaRun[];
  /** Who was present for it; null when it never ran or when the roundtable has no record of presence at all. */
  present: ItemAttendance | null;
  speeches: MinutesSpeech[];
  /** The rapporteurs' text of the item's section of the outcome document; [] when nothing was written. */
  text: Block[];
  /** The results of the polls closed on it, in the order they were asked. */
  polls: PollResult[];
}

export interface MinutesAttendee {
  participantId: string;
  name: string;
  function: string;
  role: PersonRole;
  /** The agenda items, in the agenda's order, during which a connection of theirs was open. */
  presentFor: string[];
}

/** How many were present for an item, and of which delegation (as the attendance groups them). */
export interface ItemAttendance {
  count: number;
  /** Only delegations with someone present, in the attendance's order. */
  byDelegation: { delegationId: string | null; delegation: string; count: number }[];
}

export interface AttendanceGroup {
  /** null: the people who joined for no delegation (labelled by each export in its language). */
  delegationId: string | null;
  delegation: string;
  people: MinutesAttendee[];
}

export interface Minutes {
  header: ExportHeader;
  attendance: AttendanceGroup[];
  /** Invitees who have not arrived (never marked at the desk nor came by phone): named apart, counted nowhere. */
  notArrived: AttendanceGroup[];
  /** Whether anyone was ever recorded present for an item (a roundtable run before the record was kept has nobody). */
  presenceRecorded: boolean;
  items: MinutesItem[];
  /** Speeches given while no agenda item was running. */
  outsideAgenda: MinutesSpeech[];
  /** Polls closed while no agenda item was on. */
  pollsOutside: PollResult[];
  /** The outcome document's sections that belong to no item ("Key lessons learned", "Next steps"), with text. */
  otherSections: DocSection[];
}

/**
 * The attendance the server can vouch for: everyone in the roster (joined from a phone or added by the
 * moderator, and not removed or banned), by delegation in the roster's order, each with the agenda items a
 * connection of theirs was open during (`seen`, recorded by realtime/attendance.ts). A removed or banned
 * person stays in that record, so one removed by mistake who comes back as themselves has their items
 * again, but is counted nowhere here: the minutes' counts are always of the people they list.
 */
function attendanceOf(
  state: RoundtableState,
  seen: readonly Attendance[],
  status: 'active' | 'invited' = 'active',
): AttendanceGroup[] {
  const present = state.participants.filter((p) => p.status === status);
  const itemsOf = new Map<string, Set<string>>();
  for (const a of seen) itemsOf.set(a.participantId, (itemsOf.get(a.participantId) ?? new Set()).add(a.itemId));
  const groups: AttendanceGroup[] = [
    ...state.delegations.map((d) => ({ delegationId: d.id, delegation: d.name, people: [] as MinutesAttendee[] })),
    { delegationId: null, delegation: '', people: [] },
  ];
  for (const p of present) {
    const group = groups.find((g) => g.delegationId === p.delegationId) ?? groups.at(-1);
    const items = itemsOf.get(p.id);
    const presentFor = state.agenda.filter((i) => items?.has(i.id)).map((i) => i.id);
    group?.people.push({ participantId: p.id, name: p.name, function: p.function, role: p.role, presentFor });
  }
  return groups.filter((g) => g.people.length > 0);
}

function itemAttendance(groups: readonly AttendanceGroup[], itemId: string): ItemAttendance {
  const byDelegation = groups
    .map(({ delegationId, delegation, people }) => ({
      delegationId,
      delegation,
      count: people.filter((p) => p.presentFor.includes(itemId)).length,
    }))
    .filter((d) => d.count > 0);
  return { count: byDelegation.reduce((n, d) => n + d.count, 0), byDelegation };
}

function speechOf(state: RoundtableState, speech: Speech): MinutesSpeech {
  const person = state.participants.find((p) => p.id === speech.participantId);
  const delegation = state.delegations.find((d) => d.id === speech.delegationId);
  return {
    speechId: speech.id,
    name: person?.name ?? '',
    function: person?.function ?? '',
    delegation: delegation?.name ?? '',
    language: speech.language,
    kind: speech.kind,
    topic: speech.topic,
    start: speech.start,
    durationMs: speech.durationMs,
    overtimeMs: Math.max(0, speech.durationMs - speechLimitMs(state, speech)),
  };
}

/**
 * The minutes of a roundtable, from what happened: its header, the attendance, and for each agenda item
 * the planned and actual times, who was present, the speeches in the order they were given and the
 * rapporteurs' text of its section. Pure: the state, the document's sections, the record of who was
 * present for which item (`seen`) and `now` (for the plan of a day not yet over).
 */
export function minutesOf(
  state: RoundtableState,
  sections: readonly DocSection[],
  seen: readonly Attendance[],
  lang: Lang,
  now: number,
): Minutes {
  const attendance = attendanceOf(state, seen);
  const presenceRecorded = seen.length > 0;
  const plan = new Map(forecast(state, now).items.map((f) => [f.itemId, f]));
  const speeches = [...state.speeches].sort((a, b) => a.start - b.start).map((s) => speechOf(state, s));
  const itemOfSpeech = new Map(state.speeches.map((s) => [s.id, s.itemId]));
  // An open poll has no result yet; the minutes of a day under way show those that closed.
  const closed = state.polls.filter((p) => p.closedAt !== null);
  const pollsOf = (itemId: string | null) => closed.filter((p) => p.itemId === itemId).map((p) => pollResult(p, lang));
  const items = state.agenda.map((item): MinutesItem => {
    const section = sections.find((s) => s.itemId === item.id);
    return {
      itemId: item.id,
      title: localize(item.title, lang, state.languages),
      kind: item.kind,
      status: item.status,
      plannedStart: plan.get(item.id)?.plannedStart ?? 0,
      plannedEnd: plan.get(item.id)?.plannedEnd ?? 0,
      runs: item.runs,
      present: presenceRecorded && item.runs.length > 0 ? itemAttendance(attendance, item.id) : null,
      speeches: speeches.filter((s) => itemOfSpeech.get(s.speechId) === item.id),
      text: withText(section?.blocks ?? []),
      polls: pollsOf(item.id),
    };
  });
  const onAgenda = new Set(state.agenda.map((i) => i.id));
  return {
    header: exportHeader(state, lang),
    attendance,
    notArrived: attendanceOf(state, [], 'invited'),
    presenceRecorded,
    items,
    outsideAgenda: speeches.filter((s) => !onAgenda.has(itemOfSpeech.get(s.speechId) ?? '')),
    pollsOutside: [
      ...pollsOf(null),
      ...closed.filter((p) => p.itemId && !onAgenda.has(p.itemId)).map((p) => pollResult(p, lang)),
    ],
    otherSections: sections
      .filter((s) => s.itemId === null)
      .map((s) => ({ ...s, blocks: withText(s.blocks) }))
      .filter((s) => s.blocks.length > 0),
  };
}
