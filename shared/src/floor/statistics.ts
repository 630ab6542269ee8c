import { elapsedMs } from '../agenda/time.js';
import { spokenMs } from './time.js';
import { SPEECH_KINDS } from '../kinds.js';
import type { Speech, SpeechKind } from './schema.js';
import { speechLimitMs } from './speechLog.js';
import type { Participant, RoundtableState } from '../state.js';

/** Speeches of each kind: every kind is present, 0 when none was given. */
export type SpeechCounts = Record<SpeechKind, number>;

interface Totals {
  speeches: SpeechCounts;
  count: number;
  totalMs: number;
  /** Of the roundtable's speaking time, 0..1; 0 while nobody has spoken. */
  share: number;
  averageMs: number;
  overtimeMs: number;
}

export interface PersonTotals extends Totals {
  participantId: string;
  name: string;
  delegationId: string | null;
}

export interface DelegationTotals extends Totals {
  /** null: the people who speak for no delegation. */
  delegationId: string | null;
  /** The delegation's name; empty for "no delegation", which each reader labels in its own language. */
  name: string;
  /** How many different people spoke for it. */
  speakers: number;
}

export interface ItemTotals {
  itemId: string;
  plannedMs: number;
  /** From the item's runs, up to `now` for a run still open; extensions are not planned time. */
  actualMs: number;
  /** When it first started and last ended; null if it never ran, or (end) while it runs. */
  start: number | null;
  end: number | null;
  speeches: number;
  speakers: number;
  /** Speaking time per delegation on this item, most first. */
  byDelegation: { delegationId: string | null; totalMs: number }[];
}

export interface SpeakingStatistics {
  totalMs: number;
  /** The people who spoke, most time first. */
  people: PersonTotals[];
  /** Every delegation of the roster (those who never spoke at 0), and "no delegation" if it spoke; most time first. */
  delegations: DelegationTotals[];
  /** Every agenda item, in agenda order. */
  items: ItemTotals[];
}

/** What the statistics read: the state, or the moderators' view of it (which holds the whole log and roster). */
export type StatisticsSource = Pick<RoundtableState, 'agenda' | 'floorSettings' | 'delegations' | 'floor'> & {
  participants: readonly Participant[];
  speeches: readonly Speech[];
};

/** One speech as the statistics count it: finished, or on the floor and counted up to now. */
interface Counted {
  participantId: string;
  delegationId: string | null;
  itemId: string | null;
  kind: SpeechKind;
  ms: number;
  overtimeMs: number;
}

const pick = (s: Pick<Counted, 'participantId' | 'delegationId' | 'itemId' | 'kind'>) => ({
  participantId: s.participantId,
  delegationId: s.delegationId,
  itemId: s.itemId,
  kind: s.kind,
});

function counted(state: StatisticsSource, now: number): Counted[] {
  const finished = state.speeches.map((s: Speech): Counted => {
    const ms = s.durationMs;
    return { ...pick(s), ms, overtimeMs: Math.max(0, ms - speechLimitMs(state, s)) };
  });
  const floor = state.floor;
  if (!floor) return finished;
  const ms = spokenMs(floor, now);
  const delegationId = state.participants.find((p) => p.id === floor.participantId)?.delegationId ?? null;
  const live: Counted = {
    ...pick({ ...floor, delegationId }),
    ms,
    overtimeMs: Math.max(0, ms - floor.limitMs - floor.extendedMs),
  };
  return [...finished, live];
}

const noSpeeches = (): SpeechCounts => Object.fromEntries(SPEECH_KINDS.map((t) => [t, 0])) as SpeechCounts;

class Tally {
  speeches = noSpeeches();
  count = 0;
  totalMs = 0;
  overtimeMs = 0;
  readonly people = new Set<string>();

  add(c: Counted): void {
    this.speeches[c.kind]++;
    this.count++;
    this.totalMs += c.ms;
    this.overtimeMs += c.overtimeMs;
    this.people.add(c.participantId);
  }

  totals(allMs: number): Totals {
    return {
      speeches: { ...this.speeches },
      count: this.count,
      totalMs: this.totalMs,
      share: allMs > 0 ? this.totalMs / allMs : 0,
      averageMs: this.count > 0 ? Math.round(this.totalMs / this.count) : 0,
      overtimeMs: this.overtimeMs,
    };
  }
}

function tallyBy<K>(list: readonly Counted[], key: (c: Counted) => K, seed: readonly K[] = []): Map<K, Tally> {
  const map = new Map<K, Tally>(seed.map((k) => [k, new Tally()]));
  for (const c of list) {
    const k = key(c);
    const t = map.get(k) ?? new Tally();
    t.add(c);
    map.set(k, t);
  }
  return map;
}

/** Most time first; equal times by name, so the order is stable. */
const byTime = <T extends { totalMs: number; name: string }>(a: T, b: T) =>
  b.totalMs - a.totalMs || a.name.localeCompare(b.name);

/**
 * Who spoke how long, per person, per delegation and per agenda item, from the speech log and the speech on
 * the floor (counted up to `now`). Durations and overtime are the speech log's (pauses excluded, measured
 * against the limit each speech had). Pure; the moderator console, the minutes and the CSV exports read it.
 */
export function speakingStatistics(state: StatisticsSource, now: number): SpeakingStatistics {
  const list = counted(state, now);
  const totalMs = list.reduce((sum, c) => sum + c.ms, 0);
  const person = new Map(state.participants.map((p) => [p.id, p]));
  const delegationName = new Map(state.delegations.map((d) => [d.id, d.name]));

  const people = [...tallyBy(list, (c) => c.participantId)].map(([participantId, t]): PersonTotals => {
    const p = person.get(participantId);
    const last = list.findLast((c) => c.participantId === participantId);
    return {
      participantId,
      name: p?.name ?? '',
      delegationId: p ? p.delegationId : (last?.delegationId ?? null),
      ...t.totals(totalMs),
    };
  });

  const seed = state.delegations.map((d): string | null => d.id);
  const delegations = [...tallyBy(list, (c) => c.delegationId, seed)].map(([delegationId, t]): DelegationTotals => ({
    delegationId,
    name: delegationId === null ? '' : (delegationName.get(delegationId) ?? ''),
    speakers: t.people.size,
    ...t.totals(totalMs),
  }));

  const perItem = tallyBy(list, (c) => c.itemId);
  const items = state.agenda.map((item): ItemTotals => {
    const here = list.filter((c) => c.itemId === item.id);
    const byDelegation = [...tallyBy(here, (c) => c.delegationId)]
      .map(([delegationId, t]) => ({ delegationId, totalMs: t.totalMs }))
      .sort((a, b) => b.totalMs - a.totalMs);
    const lastRun = item.runs.at(-1);
    return {
      itemId: item.id,
      plannedMs: item.plannedMinutes * 60_000,
      actualMs: elapsedMs(item, now),
      start: item.runs[0]?.start ?? null,
      end: lastRun?.end ?? null,
      speeches: perItem.get(item.id)?.count ?? 0,
      speakers: perItem.get(item.id)?.people.size ?? 0,
      byDelegation,
    };
  });

  return {
    totalMs,
    people: people.sort(byTime),
    // "No delegation" last among equal times: it is not one of the roster's.
    delegations: delegations.sort(
      (a, b) =>
        b.totalMs - a.totalMs || Number(a.delegationId === null) - Number(b.delegationId === null) || byTime(a, b),
    ),
    items,
  };
}
