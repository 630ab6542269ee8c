import { limitMs as settingsLimitMs } from './time.js';
import { speakingStats, type SpeakingTotals } from '../queue/ordering.js';
import type { Speech } from './schema.js';
import type { RoundtableState } from '../state.js';

/** One line of the speech log, with what the rules say about it. */
export interface SpeechRecord {
  speech: Speech;
  /** The limit it was measured against, extensions included. */
  limitMs: number;
  /** Time spoken beyond the limit; 0 within it. */
  overtimeMs: number;
  /** The speaker's speeches and time over the whole roundtable (this one included). */
  speaker: SpeakingTotals;
}

export interface SpeechLogTotals {
  count: number;
  ms: number;
  overtimeCount: number;
  overtimeMs: number;
}

/** What the log reads: the speeches the state (or a view) holds and the limits they were given. */
type Logged = Pick<RoundtableState, 'agenda' | 'floorSettings'> & { speeches: readonly Speech[] };

/**
 * The limit a finished speech had. Speeches stored before the limit was recorded fall back to what the
 * settings say for their item and type now, which misses any extension the moderator gave.
 */
export function speechLimitMs(state: Logged, speech: Speech): number {
  return speech.limitMs ?? settingsLimitMs(state, speech.itemId, speech.kind);
}

/** The speech log, newest first: each speech with its limit, its overtime and its speaker's totals. */
export function speechLog(state: Logged): SpeechRecord[] {
  const { byParticipant } = speakingStats(state.speeches);
  const none: SpeakingTotals = { count: 0, ms: 0 };
  const records: SpeechRecord[] = [];
  // Speeches are appended as they end, and only one holds the floor at a time: the last ended is the newest.
  for (let i = state.speeches.length - 1; i >= 0; i--) {
    const speech = state.speeches[i] as Speech;
    const limitMs = speechLimitMs(state, speech);
    records.push({
      speech,
      limitMs,
      overtimeMs: Math.max(0, speech.durationMs - limitMs),
      speaker: byParticipant.get(speech.participantId) ?? none,
    });
  }
  return records;
}

/** What a (possibly filtered) log adds up to. */
export function speechLogTotals(records: readonly SpeechRecord[]): SpeechLogTotals {
  const totals: SpeechLogTotals = { count: 0, ms: 0, overtimeCount: 0, overtimeMs: 0 };
  for (const r of records) {
    totals.count++;
    totals.ms += r.speech.durationMs;
    if (r.overtimeMs > 0) {
      totals.overtimeCount++;
      totals.overtimeMs += r.overtimeMs;
    }
  }
  return totals;
}
