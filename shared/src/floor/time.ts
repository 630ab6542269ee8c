import type { Floor, SpeechKind } from './schema.js';
import type { RoundtableState } from '../state.js';

/** Time spoken so far, pauses excluded, up to `now` if still speaking. */
export function spokenMs(floor: Floor, now: number): number {
  const paused = floor.pauses.reduce((sum, p) => sum + ((p.end ?? now) - p.start), 0);
  return Math.max(0, now - floor.startedAt - paused);
}

export function remainingMs(floor: Floor, now: number): number {
  return floor.limitMs + floor.extendedMs - spokenMs(floor, now);
}

export const isPaused = (floor: Floor): boolean => floor.pauses.at(-1)?.end === null;

/** The limit for a type on the current item: the item's override, else the roundtable's. */
export function limitMs(
  state: Pick<RoundtableState, 'agenda' | 'floorSettings'>,
  itemId: string | null,
  type: SpeechKind,
): number {
  const item = state.agenda.find((i) => i.id === itemId);
  return (item?.speakingLimits?.[type] ?? state.floorSettings.speakingLimits[type]) * 1000;
}
