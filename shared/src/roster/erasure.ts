import type { DomainEvent } from '../events.js';
import type { Participant, RoundtableState } from '../state.js';

/**
 * An erased person keeps their id, delegation, language, role and times (their speeches, requests and
 * votes still count and render), and gets a placeholder for a name. It is unique, because the roster's
 * rules compare names (a look-alike of someone banned, duplicates in an import), and has no words, so it
 * reads the same in every language; the pages read `erasedAt` to say "erased".
 */
export const erasedName = (n: number): string => `#${n}`;

/** Shorter strings are left alone: erasing "Li" everywhere would eat into every other word. */
const MIN_SCRUBBED = 3;

/**
 * Whether a name is looked for in free text (the document, agenda titles, contributions): a name of two
 * words or more. A one-word name is too often a word: a person joining as "the" or "Mark" must not rewrite
 * the record; their own records are replaced whole all the same (`participants` below).
 */
const searchable = (name: string): boolean => /\S\s+\S/u.test(name);

/** What an erasure replaces in free text (the document, agenda, contributions) and in stored events. */
export interface Erasure {
  /** [erased text, its placeholder], longest first so a full name goes before a part of it. */
  replacements: [string, string][];
  /** The erased people as they are now, by id: an event's copy of one of them is replaced whole. */
  participants: Map<string, Participant>;
  /** Whose devices are signed out: the people who deleted their own profile. */
  signOut: string[];
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every erased name or address in one text: as a whole word (not "Mark" inside "market"), in any
 * case, in either Unicode form (NFC, as "й" typed as "и" and a breve compares).
 */
export function scrubText(replacements: readonly [string, string][]): (text: string) => string {
  if (replacements.length === 0) return (text) => text;
  const placeholders = new Map(replacements.map(([from, to]) => [from.normalize('NFC').toLowerCase(), to]));
  const words = [...placeholders.keys()].map(escaped).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => {
    const form = text.normalize('NFC');
    pattern.lastIndex = 0;
    if (!pattern.test(form)) return text;
    return form.replace(pattern, (found) => placeholders.get(found.toLowerCase()) ?? found);
  };
}

/** Every string in a plain-data value scrubbed; an erased person's copy (an id and a name) replaced by them as now. */
export function scrubDeep(value: unknown, erasure: Pick<Erasure, 'replacements' | 'participants'>): unknown {
  const scrub = scrubText(erasure.replacements);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const record = v as Record<string, unknown>;
    const person = typeof record.id === 'string' && 'name' in record ? erasure.participants.get(record.id) : undefined;
    if (person) return person;
    return Object.fromEntries(Object.entries(record).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value);
}

/**
 * The person with name, function, e-mail and note gone; the rest stays for the record. Their invitation
 * is re-issued and locked, so no link printed or mailed before brings anyone in as them (invitation.ts).
 */
export function erasePerson(p: Participant, n: number, now: number): Participant {
  const { email: _e, note: _n, invitation, ...kept } = p;
  const reissued = { serial: (invitation?.serial ?? 0) + 1, locked: true, claimedAt: invitation?.claimedAt ?? null };
  return { ...kept, name: erasedName(n), function: '', erasedAt: now, invitation: reissued };
}

/**
 * What free text loses of a person: their name (of two words or more) and e-mail address. `inText` false:
 * a person deleting their own profile changes no one else's words; the moderator's erasure does.
 */
const replacementsOf = (before: Participant, after: Participant, inText: boolean): [string, string][] =>
  !inText
    ? []
    : [searchable(before.name) ? before.name : '', before.email ?? '']
        .map((s) => s.trim())
        .filter((s) => s.length >= MIN_SCRUBBED && s !== after.name)
        .map((s) => [s, after.name]);

/**
 * Erases the given people in the state: their records, and their names everywhere else in it (an agenda
 * item's invited speaker, a contribution that quotes them). Their advance remarks go too: written for
 * the interpreters, not for the record. Returns the state and what the store must still scrub.
 */
export function eraseInState(
  state: RoundtableState,
  ids: ReadonlySet<string>,
  now: number,
  inText: boolean,
): { state: RoundtableState; erasure: Pick<Erasure, 'replacements' | 'participants'> } {
  const participants = new Map<string, Participant>();
  const replacements: [string, string][] = [];
  const roster = state.participants.map((p, i) => {
    if (!ids.has(p.id) || p.erasedAt !== undefined) return p;
    const erased = erasePerson(p, i + 1, now);
    participants.set(p.id, erased);
    replacements.push(...replacementsOf(p, erased, inText));
    return erased;
  });
  replacements.sort((a, b) => b[0].length - a[0].length);
  const erasure = { replacements, participants };
  const { participants: _p, remarks, ...rest } = state;
  const scrubbed = scrubDeep(rest, erasure) as Omit<RoundtableState, 'participants' | 'remarks'>;
  return {
    state: { ...scrubbed, participants: roster, remarks: remarks.filter((r) => !ids.has(r.participantId)) },
    erasure,
  };
}

/**
 * What the store must scrub after an erasing change, recomputed from the states before and after (the
 * events themselves carry no name: the log must not keep what it erases); null for any other change.
 */
export function erasureOf(
  events: readonly DomainEvent[],
  before: RoundtableState,
  after: RoundtableState,
): Erasure | null {
  const ids = new Set<string>();
  const signOut: string[] = [];
  let inText = false;
  for (const e of events) {
    if (e.type === 'personalData.erased') {
      e.participantIds.forEach((id) => ids.add(id));
      inText = true;
    }
    if (e.type === 'participant.forgotten') {
      ids.add(e.participantId);
      signOut.push(e.participantId);
    }
  }
  if (ids.size === 0) return null;
  const participants = new Map<string, Participant>();
  const replacements: [string, string][] = [];
  for (const p of before.participants) {
    const now = after.participants.find((a) => a.id === p.id);
    if (!ids.has(p.id) || !now) continue;
    participants.set(p.id, now);
    replacements.push(...replacementsOf(p, now, inText));
  }
  replacements.sort((a, b) => b[0].length - a[0].length);
  return { replacements, participants, signOut };
}
