import {
  AUDIENCES,
  statePatch,
  viewFor,
  type Audience,
  type RoundtableState,
  type StatePatch,
  type StateView,
} from '@roundtable/shared';
import { rooms } from '../session/rooms.js';
import { SendWindow } from './window.js';

/** What the feed sends; the names are the socket events' (ServerToClientEvents). */
export interface FeedEvents {
  state: StateView;
  patch: StatePatch;
  presence: string[];
}

/** Where the feed sends: Socket.IO's rooms in the server (sockets.ts), a recording fake in the tests. */
export interface FeedEmitter {
  /** The ids of the sessions in a room now. */
  members(room: string): ReadonlySet<string> | undefined;
  /** `to`: rooms or session ids (a session is a room of its own), less the sessions in `except`. */
  emit<E extends keyof FeedEvents>(to: string | string[], except: string[], event: E, payload: FeedEvents[E]): void;
}

/** A session as the feed knows it: its id and whose view it sees. */
export interface FeedMember {
  id: string;
  roundtableId: string;
  audience: Audience;
}

/**
 * Each audience's view of a state, computed once per version however many sessions connect or ask:
 * states are immutable, so the state object itself is the key, and an old version's views go with it.
 */
const views = new WeakMap<RoundtableState, Partial<Record<Audience, StateView>>>();
function viewOf(state: RoundtableState, audience: Audience): StateView {
  const cached = views.get(state) ?? {};
  views.set(state, cached);
  return (cached[audience] ??= viewFor(state, audience));
}

/**
 * The versions and presence every session of a roundtable receives. Three rules, each in one method:
 * - `publish`: versions go out coalesced per roundtable (window.ts); a skipped intermediate version
 *   loses nothing, since clients keep the newest. An audience room with nobody in it costs nothing.
 * - `join`: a session entering its audience room gets the room's base, the version every session in
 *   the room holds, so after the first a version goes to a room as a patch from its base.
 * - `senderAhead`: the sender of a command holds the new state before its ack, as a patch of its own;
 *   it is then ahead of its room until the room's copy goes out, and gets its own patch then too.
 */
export class RoomFeed {
  private readonly states = new Map<string, RoundtableState>();
  private readonly presence = new Set<string>();
  private readonly window = new SendWindow((id) => this.send(id));
  /** Per audience room: the version every session in it holds, the base of the room's next patch. */
  private readonly bases = new Map<string, StateView>();
  /** Sessions sent a newer version than their room's base, by id; each forgotten at its room's next send. */
  private readonly ahead = new Map<string, { room: string; view: StateView }>();

  constructor(
    private readonly emitter: FeedEmitter,
    private readonly online: (roundtableId: string) => string[],
  ) {}

  publish(state: RoundtableState): void {
    this.states.set(state.id, state);
    this.window.schedule(state.id);
  }

  /** The roundtable left this node's memory (nobody here uses it): nothing of it is kept. */
  forget(roundtableId: string): void {
    this.states.delete(roundtableId);
    this.presence.delete(roundtableId);
    for (const audience of AUDIENCES) this.bases.delete(rooms.audience(roundtableId, audience));
  }

  presenceChanged(roundtableId: string): void {
    this.presence.add(roundtableId);
    this.window.schedule(roundtableId);
  }

  /**
   * The view a session entering its audience room (connecting, asking to sync, changing role) holds:
   * the room's base. It is older than `state` only while a send is pending, and that send brings it up to date.
   */
  join(member: FeedMember, state: RoundtableState): StateView {
    const room = rooms.audience(state.id, member.audience);
    const base = this.bases.get(room) ?? viewOf(state, member.audience);
    this.bases.set(room, base);
    this.ahead.delete(member.id);
    return base;
  }

  /** Called before a command's ack: the sender holds the pending state when the ack arrives. */
  senderAhead(member: FeedMember): void {
    const id = member.roundtableId;
    const state = this.states.get(id);
    if (!state) return;
    // Due now anyway: send everyone's copy before the ack, so the sender's is not encoded twice.
    if (this.window.dueNow(id)) return this.window.flush(id);
    const room = rooms.audience(id, member.audience);
    const view = viewOf(state, member.audience);
    const from = this.ahead.get(member.id)?.view ?? this.bases.get(room);
    if (from && from.version >= view.version) return;
    this.ahead.set(member.id, { room, view });
    if (from) this.emitter.emit(member.id, [], 'patch', statePatch(from, view));
    else this.emitter.emit(member.id, [], 'state', view);
  }

  /** Sends what is pending for a roundtable; answers whether a state went out. */
  private send(roundtableId: string): boolean {
    const state = this.states.get(roundtableId);
    this.states.delete(roundtableId);
    if (state) this.sendState(state);
    if (this.presence.delete(roundtableId)) this.sendPresence(roundtableId);
    return state !== undefined;
  }

  private sendState(state: RoundtableState): void {
    for (const audience of AUDIENCES) {
      const room = rooms.audience(state.id, audience);
      const base = this.bases.get(room);
      const ahead = this.takeAhead(room);
      const members = this.emitter.members(room);
      if (!members?.size) {
        this.bases.delete(room);
        continue;
      }
      const view = viewOf(state, audience);
      if (base && base.version >= view.version) continue;
      this.bases.set(room, view);
      // Senders already ahead of the room could not apply the room's patch: each gets its own.
      for (const [id, held] of ahead) {
        if (held.version < view.version) this.emitter.emit(id, [], 'patch', statePatch(held, view));
      }
      // A lone moderator clicking fast is the whole moderator room: no room patch to make (a roster-wide diff).
      if ([...members].every((id) => ahead.has(id))) continue;
      if (base) this.emitter.emit(room, [...ahead.keys()], 'patch', statePatch(base, view));
      else this.emitter.emit(room, [...ahead.keys()], 'state', view);
    }
  }

  /** The room's sessions that are ahead of it, forgotten: after the room's send they hold its version. */
  private takeAhead(room: string): Map<string, StateView> {
    const taken = new Map<string, StateView>();
    for (const [id, entry] of this.ahead) {
      if (entry.room !== room) continue;
      taken.set(id, entry.view);
      this.ahead.delete(id);
    }
    return taken;
  }

  private sendPresence(roundtableId: string): void {
    const to = [rooms.audience(roundtableId, 'moderator'), rooms.audience(roundtableId, 'rapporteur')];
    if (to.every((room) => !this.emitter.members(room)?.size)) return;
    this.emitter.emit(to, [], 'presence', this.online(roundtableId));
  }
}
