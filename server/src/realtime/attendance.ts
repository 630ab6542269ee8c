import { activeParticipants, type DomainEvent, type RoundtableState } from '@roundtable/shared';
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';

/** People to record as present for an agenda item, seen at `at`. */
export interface Sighting {
  itemId: string;
  participantIds: string[];
  at: number;
}

const runningItemId = (state: RoundtableState): string | undefined =>
  state.agenda.find((i) => i.status === 'running')?.id;

/** Only people in the room count: someone waiting for approval is not yet, a removed or banned one no longer. */
function inRoom(state: RoundtableState, ids: readonly string[]): string[] {
  const active = new Set(activeParticipants(state).map((p) => p.id));
  return ids.filter((id) => active.has(id));
}

/**
 * The rule, for a change: a person is present for an agenda item when a connection of theirs was open at
 * any moment while it ran. So an item that starts or is reopened takes everyone online at that instant,
 * and a person let in from waiting while an item runs takes it if they are online. (Whoever connects
 * while it runs is `sightingOnConnect`'s.)
 */
export function sightingsOnChange(
  events: readonly DomainEvent[],
  state: RoundtableState,
  online: readonly string[],
  now: number,
): Sighting[] {
  const sightings: Sighting[] = [];
  const running = runningItemId(state);
  for (const e of events) {
    if (e.type === 'agenda.itemStarted' || e.type === 'agenda.itemReopened') {
      sightings.push({ itemId: e.itemId, participantIds: inRoom(state, online), at: e.at });
    } else if (e.type === 'participant.admitted' && running && online.includes(e.participantId)) {
      sightings.push({ itemId: running, participantIds: inRoom(state, [e.participantId]), at: now });
    }
  }
  return sightings.filter((s) => s.participantIds.length > 0);
}

/** The rule, for a connection: a person who connects while an item runs is present for it. */
export function sightingOnConnect(state: RoundtableState, participantId: string, now: number): Sighting | undefined {
  const itemId = runningItemId(state);
  const participantIds = inRoom(state, [participantId]);
  return itemId && participantIds.length > 0 ? { itemId, participantIds, at: now } : undefined;
}

/**
 * Writes the sightings of both rules to the store (INSERT OR IGNORE: a person keeps their first
 * sighting). It remembers who is written for the item running now, per roundtable, so a phone that
 * reconnects ten times during an item writes once; the memory is one item's worth and goes with it.
 * A write that fails is logged, never thrown: a phone is not turned away for the minutes' sake, and
 * its next connection tries again.
 */
export class AttendanceRecorder {
  private readonly written = new Map<string, { itemId: string; ids: Set<string> }>();

  constructor(
    private readonly store: Pick<Store, 'recordAttendance'>,
    private readonly log: Pick<Logger, 'error'>,
  ) {}

  changed(
    roundtableId: string,
    events: readonly DomainEvent[],
    state: RoundtableState,
    online: readonly string[],
  ): void {
    for (const s of sightingsOnChange(events, state, online, Date.now())) this.write(roundtableId, s);
    if (!runningItemId(state)) this.written.delete(roundtableId);
  }

  connected(roundtableId: string, state: RoundtableState, participantId: string): void {
    const sighting = sightingOnConnect(state, participantId, Date.now());
    if (sighting) this.write(roundtableId, sighting);
  }

  private write(roundtableId: string, { itemId, participantIds, at }: Sighting): void {
    let known = this.written.get(roundtableId);
    if (known?.itemId !== itemId) {
      known = { itemId, ids: new Set() };
      this.written.set(roundtableId, known);
    }
    const ids = known.ids;
    const fresh = participantIds.filter((id) => !ids.has(id));
    if (fresh.length === 0) return;
    // Marked at once, so a sighting while this is written does not write it twice; a failed write unmarks it.
    for (const id of fresh) ids.add(id);
    this.store.recordAttendance(roundtableId, itemId, fresh, at).catch((error: unknown) => {
      for (const id of fresh) ids.delete(id);
      this.log.error({ err: error, roundtableId, itemId }, 'attendance not recorded');
    });
  }
}
