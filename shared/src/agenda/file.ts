import { isPlaceholder, type AgendaFile, type AgendaItem, type NamedSpeaker } from './schema.js';
import type { RoundtableState, Roster } from '../state.js';
import { namedOf } from './invited.js';

/**
 * The agenda as a file any roundtable can import: each item's fields, with the invited speakers named
 * (name, function, delegation) rather than by ids that mean nothing elsewhere. What happened to an item
 * (its runs, status, extensions) belongs to this roundtable and stays.
 */
export function exportAgenda(state: Roster & Pick<RoundtableState, 'agenda'>): AgendaFile {
  return {
    agenda: state.agenda.map((item: AgendaItem) => {
      const { title, notes, kind, plannedMinutes, fixedStart, speakingLimits, orderingPolicy } = item;
      const invitedSpeakers = item.invitedSpeakers.flatMap((s): NamedSpeaker[] => {
        if (isPlaceholder(s)) return [s];
        const named = namedOf(state, s);
        return named ? [named] : [];
      });
      return { title, notes, kind, plannedMinutes, fixedStart, invitedSpeakers, speakingLimits, orderingPolicy };
    }),
  };
}
