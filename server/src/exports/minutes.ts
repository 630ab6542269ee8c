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
import { exportHeader, type ExportHeader } from '../yjs/exportHeader.js';
import { withText, type DocSection } from './sections.js';

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
  speeches: MinutesSpeech[];
  /** The rapporteurs' text of the item's section of the outcome document; [] when nothing was written. */
  text: Block[];
}

export interface MinutesAttendee {
  participantId: string;
  name: string;
  function: string;
  role: PersonRole;
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
  items: MinutesItem[];
  /** Speeches given while no agenda item was running. */
  outsideAgenda: MinutesSpeech[];
  /** The outcome document's sections that belong to no item ("Key lessons learned", "Next steps"), with text. */
  otherSections: DocSection[];
}

/**
 * The attendance the server can vouch for: everyone in the roster (joined from a phone or added by the
 * moderator, and not removed), by delegation in the roster's order. Connections come and go without a
 * record, so who was in the room for which item is not known, and the minutes do not pretend to know it.
 */
function attendanceOf(state: RoundtableState): AttendanceGroup[] {
  const present = state.participants.filter((p) => p.status === 'active');
  const groups: AttendanceGroup[] = [
    ...state.delegations.map((d) => ({ delegationId: d.id, delegation: d.name, people: [] as MinutesAttendee[] })),
    { delegationId: null, delegation: '', people: [] },
  ];
  for (const p of present) {
    const group = groups.find((g) => g.delegationId === p.delegationId) ?? groups.at(-1);
    group?.people.push({ participantId: p.id, name: p.name, function: p.function, role: p.role });
  }
  return groups.filter((g) => g.people.length > 0);
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
 * the planned and actual times, the speeches in the order they were given and the rapporteurs' text of
 * its section. Pure: the state, the document's sections and `now` (for the plan of a day not yet over).
 */
export function minutesOf(state: RoundtableState, sections: readonly DocSection[], lang: Lang, now: number): Minutes {
  const plan = new Map(forecast(state, now).items.map((f) => [f.itemId, f]));
  const speeches = [...state.speeches].sort((a, b) => a.start - b.start).map((s) => speechOf(state, s));
  const itemOfSpeech = new Map(state.speeches.map((s) => [s.id, s.itemId]));
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
      speeches: speeches.filter((s) => itemOfSpeech.get(s.speechId) === item.id),
      text: withText(section?.blocks ?? []),
    };
  });
  const onAgenda = new Set(state.agenda.map((i) => i.id));
  return {
    header: exportHeader(state, lang),
    attendance: attendanceOf(state),
    items,
    outsideAgenda: speeches.filter((s) => !onAgenda.has(itemOfSpeech.get(s.speechId) ?? '')),
    otherSections: sections
      .filter((s) => s.itemId === null)
      .map((s) => ({ ...s, blocks: withText(s.blocks) }))
      .filter((s) => s.blocks.length > 0),
  };
}
