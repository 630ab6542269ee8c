import {
  audienceOf,
  statePatch,
  viewFor,
  type Audience,
  type RoundtableState,
  type StateView,
} from '@roundtable/shared';
import { rooms } from './rooms.js';
import type { Presence } from './presence.js';
import type { RoundtableServer, RoundtableSocket } from './socketTypes.js';

const AUDIENCES: readonly Audience[] = ['moderator', 'rapporteur', 'public'];

/**
 * Each audience's view of a state, computed once per version however many sockets connect or ask:
 * states are immutable, so the state object itself is the key, and an old version's views go with it.
 */
const views = new WeakMap<RoundtableState, Partial<Record<Audience, StateView>>>();
export function viewOf(state: RoundtableState, audience: Audience): StateView {
  const cached = views.get(state) ?? {};
  views.set(state, cached);
  return (cached[audience] ??= viewFor(state, audience));
}

/** At most one state (and one presence list) per roundtable per window, however fast changes come. */
const WINDOW_MS = 100;

/**
 * Sends new versions and presence, coalesced per roundtable: the first change after a quiet window
 * goes out at once (in the same turn of the event loop, batched with its neighbours); changes in the
 * next WINDOW_MS go out together, as the latest version, when it ends. States are whole snapshots and
 * clients keep the newest, so a skipped intermediate version loses nothing, and a join storm no longer
 * sends every phone (and the moderator, the whole roster) one state per person joining.
 * An audience room with nobody in it costs nothing: no view, no encoding.
 *
 * After the first, a version goes to a room as a patch from the room's previous one (`held`), so a
 * queue change to 2,000 phones carries the change, not the whole state: every socket in the room
 * holds that previous version, because joining the room is the only other way in (see `held`),
 * except the senders of commands sent ahead of it, which get patches of their own.
 */
export class Broadcaster {
  private readonly states = new Map<string, RoundtableState>();
  private readonly presence = new Set<string>();
  /** The pending send per roundtable; `now` when it is due in this turn of the event loop. */
  private readonly timers = new Map<string, { now: boolean; cancel: () => void }>();
  private readonly lastSent = new Map<string, number>();
  /** Per audience room: the version every socket in it holds, the base of the room's next patch. */
  private readonly bases = new Map<string, StateView>();
  /**
   * Sockets sent a newer version than their room's base (see sendPendingTo), by socket id; a few at a
   * time, each forgotten at its room's next broadcast.
   */
  private readonly ahead = new Map<string, { room: string; view: StateView }>();

  constructor(
    private readonly io: RoundtableServer,
    private readonly online: Presence,
  ) {}

  state(state: RoundtableState): void {
    this.states.set(state.id, state);
    this.schedule(state.id);
  }

  presenceChanged(roundtableId: string): void {
    this.presence.add(roundtableId);
    this.schedule(roundtableId);
  }

  /**
   * The view a socket entering its audience room (connecting, asking to sync, changing role) gets:
   * the room's version, so the room's next patch applies to it. It is older than `state` only while
   * a broadcast is pending, and that broadcast brings it up to date.
   */
  held(socket: RoundtableSocket, state: RoundtableState): StateView {
    const audience = audienceOf(socket.data.actor);
    const room = rooms.audience(state.id, audience);
    const base = this.bases.get(room) ?? viewOf(state, audience);
    this.bases.set(room, base);
    this.ahead.delete(socket.id);
    return base;
  }

  /**
   * Called before a socket command's ack: whoever sent the command holds the new state when the ack
   * arrives, even while the room's copy waits for the window (a burst of phones asking for the
   * floor, a moderator clicking fast). It comes as a patch from what the sender holds; the sender is
   * then ahead of its room until the room's copy goes out.
   */
  sendPendingTo(socket: RoundtableSocket): void {
    const id = socket.data.roundtableId;
    const state = this.states.get(id);
    const timer = this.timers.get(id);
    if (!state) return;
    // Due now anyway: send everyone's copy before the ack, so the sender's is not encoded twice.
    if (timer?.now) {
      timer.cancel();
      return this.send(id);
    }
    const audience = audienceOf(socket.data.actor);
    const room = rooms.audience(id, audience);
    const view = viewOf(state, audience);
    const from = this.ahead.get(socket.id)?.view ?? this.bases.get(room);
    if (from && from.version >= view.version) return;
    this.ahead.set(socket.id, { room, view });
    if (from) socket.emit('patch', statePatch(from, view));
    else socket.emit('state', view);
  }

  private schedule(roundtableId: string): void {
    if (this.timers.has(roundtableId)) return;
    const wait = (this.lastSent.get(roundtableId) ?? -Infinity) + WINDOW_MS - performance.now();
    const run = () => this.send(roundtableId);
    if (wait > 0) {
      const t = setTimeout(run, wait);
      this.timers.set(roundtableId, { now: false, cancel: () => clearTimeout(t) });
    } else {
      const t = setImmediate(run);
      this.timers.set(roundtableId, { now: true, cancel: () => clearImmediate(t) });
    }
  }

  private send(roundtableId: string): void {
    this.timers.delete(roundtableId);
    const state = this.states.get(roundtableId);
    this.states.delete(roundtableId);
    if (state) this.sendState(state);
    if (this.presence.delete(roundtableId)) this.sendPresence(roundtableId);
  }

  private members(room: string): number {
    return this.io.sockets.adapter.rooms.get(room)?.size ?? 0;
  }

  private sendState(state: RoundtableState): void {
    this.lastSent.set(state.id, performance.now());
    for (const audience of AUDIENCES) {
      const room = rooms.audience(state.id, audience);
      const base = this.bases.get(room);
      const ahead = this.takeAhead(room);
      const members = this.io.sockets.adapter.rooms.get(room);
      if (!members?.size) {
        this.bases.delete(room);
        continue;
      }
      const view = viewOf(state, audience);
      if (base && base.version >= view.version) continue;
      this.bases.set(room, view);
      // Senders already ahead of the room would not be able to apply the room's patch: each gets its own.
      for (const [socketId, held] of ahead) {
        if (held.version < view.version) this.io.to(socketId).emit('patch', statePatch(held, view));
      }
      // A lone moderator clicking fast is the whole moderator room: no room patch to make (a roster-wide diff).
      if (ahead.size >= members.size && [...members].every((socketId) => ahead.has(socketId))) continue;
      const everyone = ahead.size > 0 ? this.io.to(room).except([...ahead.keys()]) : this.io.to(room);
      if (base) everyone.emit('patch', statePatch(base, view));
      else everyone.emit('state', view);
    }
  }

  /** The room's sockets that are ahead of it, forgotten: after the room's broadcast they hold its version. */
  private takeAhead(room: string): Map<string, StateView> {
    const taken = new Map<string, StateView>();
    for (const [socketId, entry] of this.ahead) {
      if (entry.room !== room) continue;
      taken.set(socketId, entry.view);
      this.ahead.delete(socketId);
    }
    return taken;
  }

  private sendPresence(roundtableId: string): void {
    const to = [rooms.audience(roundtableId, 'moderator'), rooms.audience(roundtableId, 'rapporteur')];
    if (to.every((room) => this.members(room) === 0)) return;
    this.io.to(to).emit('presence', this.online.online(roundtableId));
  }
}
