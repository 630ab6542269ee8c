import type { Part } from './exportDoc.js';
import type { MinutesLabels } from './labels.js';
import type { Minutes, MinutesAttendee, MinutesItem } from './minutes.js';

/** "1–3, 5": agenda numbers, runs of consecutive ones as a range. */
export function numberRanges(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join(', ');
}

/** The item's line under its times: "Present: 12 (Europol 3, Frontex 2, No delegation 1)"; none when unknown. */
export function presentLine(item: MinutesItem, l: MinutesLabels): string[] {
  if (!item.present) return [];
  const { count, byDelegation } = item.present;
  const parts = byDelegation.map((d) => `${d.delegation || l.noDelegation} ${d.count}`).join(', ');
  return [`${l.present}: ${count}${parts ? ` (${parts})` : ''}`];
}

/**
 * What follows a person's name: the items by their number under Proceedings, which stays short and
 * aligned down a list of 70 people where titles would wrap; "every item held" when that is all of them.
 */
function presenceOf(p: MinutesAttendee, held: readonly string[], numberOf: Map<string, number>, l: MinutesLabels) {
  if (p.presentFor.length === 0) return l.neverPresent;
  if (held.every((id) => p.presentFor.includes(id))) return l.everyItem;
  return `${l.presentFor}: ${numberRanges(p.presentFor.map((id) => numberOf.get(id) ?? 0))}`;
}

/** The attendance section: by delegation, each person with the items they were present for. */
export function attendanceParts(minutes: Minutes, l: MinutesLabels): Part[] {
  const numberOf = new Map(minutes.items.map((item, i) => [item.itemId, i + 1]));
  const held = minutes.items.filter((i) => i.runs.length > 0).map((i) => i.itemId);
  const known = minutes.presenceRecorded && held.length > 0;
  const line = (p: MinutesAttendee) => {
    const who = [p.name, p.function, p.role === 'participant' ? '' : l.roles[p.role]].filter(Boolean).join(', ');
    return known ? `${who} — ${presenceOf(p, held, numberOf, l)}` : who;
  };
  return [
    { kind: 'heading', level: 2, text: l.attendance },
    { kind: 'note', text: `${l.attendanceNote} ${known ? l.presenceNote : l.presenceUnknown}` },
    ...minutes.attendance.flatMap((g): Part[] => [
      { kind: 'heading', level: 3, text: `${g.delegation || l.noDelegation} (${g.people.length} ${l.people})` },
      { kind: 'list', items: g.people.map(line) },
    ]),
    ...notArrivedParts(minutes, l),
  ];
}

/** The invitees who did not come, after those present: one list, each with their delegation. */
function notArrivedParts(minutes: Minutes, l: MinutesLabels): Part[] {
  const people = minutes.notArrived.flatMap((g) =>
    g.people.map((p) => `${[p.name, p.function].filter(Boolean).join(', ')} — ${g.delegation || l.noDelegation}`),
  );
  if (people.length === 0) return [];
  return [
    { kind: 'heading', level: 3, text: `${l.notArrived} (${people.length} ${l.people})` },
    { kind: 'list', items: people },
  ];
}
