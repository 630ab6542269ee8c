import type { Participant, Roster } from '../state.js';

/**
 * A name as people mean it, so that a banned person typing it again differently is still recognised:
 * compatibility forms folded (NFKC: full-width letters, ligatures, non-breaking spaces), invisible
 * format characters dropped, runs of spaces made one, ends trimmed, case folded ("ß" and "SS" alike).
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toUpperCase()
    .toLowerCase();
}

export const sameName = (a: string, b: string): boolean => normalizeName(a) === normalizeName(b);

/**
 * The banned participant a person looks like: the same name and the same delegation (none matches
 * none). Without accounts this is all a ban can recognise on a new device; a different name is a
 * different person to the roundtable.
 */
export function bannedLookalike(
  state: Pick<Roster, 'participants'>,
  person: Pick<Participant, 'id' | 'name' | 'delegationId'>,
): Participant | undefined {
  return state.participants.find(
    (p) =>
      p.status === 'banned' &&
      p.id !== person.id &&
      p.delegationId === person.delegationId &&
      sameName(p.name, person.name),
  );
}
