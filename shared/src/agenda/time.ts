import type { AgendaItem } from './schema.js';

/** Minutes the item may take now: planned plus every extension. */
export const allowedMs = (item: AgendaItem): number => (item.plannedMinutes + item.extendedMinutes) * 60_000;

/** Time the item has really run, up to `now` for a run still open. */
export function elapsedMs(item: AgendaItem, now: number): number {
  return item.runs.reduce((sum, r) => sum + Math.max(0, (r.end ?? now) - r.start), 0);
}

export type ClockPhase = 'ok' | 'amber' | 'red';

/** Amber in the last 10 % (at least one minute), red once over time. */
export function clockPhase(item: AgendaItem, now: number): ClockPhase {
  const left = allowedMs(item) - elapsedMs(item, now);
  if (left < 0) return 'red';
  return left <= Math.max(60_000, allowedMs(item) * 0.1) ? 'amber' : 'ok';
}
