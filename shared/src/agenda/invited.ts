import { isPlaceholder, type AgendaItem, type InvitedSpeaker, type NamedSpeaker } from './schema.js';
import type { DomainEvent } from '../events.js';
import { normalizeName, sameName } from '../roster/lookalike.js';
import { type Participant, type Roster, type RoundtableState } from '../state.js';
import { findParticipant, isActive } from '../roster/active.js';
import { findDelegationByName } from '../roster/delegations.js';
import type { Outcome } from '../handler.js';

/*
 * Invited speakers across roundtables. Without accounts, another roundtable knows a person only by name
 * and delegation: the test a ban uses (roster/lookalike.ts), with the delegation matched as joining matches a
 * typed one. A named speaker is matched to the roster on import and on saving an item, and then
 * automatically when a person with that name and delegation comes in: a moderator who invited
 * "Ruslan Bekov, Europol" means whoever joins as that, as the ban rule does. The console shows the
 * match in the item's invited list, where the moderator can change it like any other.
 */

/** The delegation id a name means here: null for none; undefined for a delegation this roundtable lacks. */
function delegationIdOf(state: Roster, name: string | null): string | null | undefined {
  return name === null ? null : findDelegationByName(state, name)?.id;
}

function isNamed(state: Roster, speaker: NamedSpeaker, person: Participant): boolean {
  return (
    isActive(person) &&
    person.delegationId === delegationIdOf(state, speaker.delegation) &&
    sameName(person.name, speaker.name)
  );
}

/** The person present under a named speaker's name and delegation; the earliest to join if there are two. */
export function findNamed(state: Roster, speaker: NamedSpeaker): Participant | undefined {
  return state.participants.find((p) => isNamed(state, speaker, p));
}

/** Each named speaker who is present becomes their roster id; the others stay placeholders, in their place. */
export function resolveInvited(state: RoundtableState, speakers: readonly InvitedSpeaker[]): InvitedSpeaker[] {
  return speakers.map((s) => (isPlaceholder(s) ? (findNamed(state, s)?.id ?? s) : s));
}

/** What tells two entries of one list apart: the id, or the placeholder's name and delegation as people mean them. */
export const speakerKey = (s: InvitedSpeaker): string =>
  isPlaceholder(s) ? `${normalizeName(s.name)}\u0000${normalizeName(s.delegation ?? '')}` : s;

/** A participant as another roundtable can know them. */
export function namedOf(state: Roster, participantId: string): NamedSpeaker | undefined {
  const p = findParticipant(state, participantId);
  if (!p) return undefined;
  const delegation = state.delegations.find((d) => d.id === p.delegationId)?.name ?? null;
  return { name: p.name, function: p.function, delegation };
}

/** Who may have come in with these events, by name and delegation: joined, back, admitted, or renamed. */
function arrivals(events: readonly DomainEvent[]): string[] {
  return events.flatMap((e) => {
    switch (e.type) {
      case 'participant.joined':
      case 'participant.rejoined':
      case 'participant.updated':
        return [e.participant.id];
      case 'participant.admitted':
      case 'participant.readmitted':
      case 'participant.arrivalChanged':
      case 'invitation.claimed':
        return [e.participantId];
      default:
        return [];
    }
  });
}

/** The item with the first placeholder that names this person replaced by them, unless they are listed already. */
function matchIn(state: RoundtableState, item: AgendaItem, person: Participant): AgendaItem | undefined {
  if (item.invitedSpeakers.includes(person.id)) return undefined;
  const at = item.invitedSpeakers.findIndex((s) => isPlaceholder(s) && isNamed(state, s, person));
  if (at < 0) return undefined;
  return { ...item, invitedSpeakers: item.invitedSpeakers.map((s, i) => (i === at ? person.id : s)) };
}

/**
 * Applied after every command: a person who came in takes the placeholders that name them. The item's
 * `rev` stays, so a moderator editing it is not told someone else changed it; saving re-matches anyway.
 */
export function matchArrivals(outcome: Outcome): Outcome {
  if (!outcome.ok) return outcome;
  const ids = arrivals(outcome.events);
  if (ids.length === 0 || !outcome.state.agenda.some((i) => i.invitedSpeakers.some(isPlaceholder))) return outcome;
  let state = outcome.state;
  const matched: DomainEvent[] = [];
  for (const id of ids) {
    const person = findParticipant(state, id);
    if (!person || !isActive(person)) continue;
    const before = state;
    const agenda = before.agenda.map((item) => {
      const next = matchIn(before, item, person);
      if (next) matched.push({ type: 'agenda.speakerMatched', itemId: item.id, participantId: person.id });
      return next ?? item;
    });
    state = { ...before, agenda };
  }
  return matched.length === 0 ? outcome : { ...outcome, state, events: [...outcome.events, ...matched] };
}
