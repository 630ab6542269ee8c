import {
  StateFollower,
  can,
  isActive,
  type Action,
  type Actor,
  type Command,
  type CommandAck,
  type Failure,
  type Me,
  type ServerToClientEvents,
  type StateView,
  type Subject,
} from '@roundtable/shared';
import { Clock } from './clock.svelte';
import { fallbackSocket } from './fallbackSocket';
import { localFailure } from './localFailure';
import { AckTimeout, type RealtimeSocket } from './socketio';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'ended';

const COMMAND_TIMEOUT_MS = 10_000;

/**
 * One live connection to a roundtable, as reactive state. Pages read `state`, `me`, `status`
 * and call `send()`; nothing else in the client touches the socket.
 */
export class RoundtableConnection {
  #socket: RealtimeSocket<ServerToClientEvents>;
  /** Raw: a new version is a new object that shares what did not change with the one before. */
  #state = $state.raw<StateView | null>(null);
  #follower = new StateFollower(
    (since) => this.#socket.request('sync', [{ since }], COMMAND_TIMEOUT_MS).catch(() => null),
    (state) => (this.#state = state),
  );
  #me = $state<Me | null>(null);
  #online = $state.raw<string[]>([]);
  // Derived, so every read between two presence messages shares one set and one actor.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a read-only snapshot; a new list is a new set
  #onlineSet = $derived<ReadonlySet<string>>(new Set(this.#online));
  #actor = $derived(actorOf(this.#me));
  #onlineActive = $derived(
    this.#state?.participants.filter((p) => isActive(p) && this.#onlineSet.has(p.id)).length ?? 0,
  );
  #status = $state<ConnectionStatus>('connecting');
  #ended = $state<Failure | null>(null);
  /** serverTime ≈ Date.now() + offset, measured on every (re)connect. */
  #offset = $state(0);
  /** One ticking clock for everything on a page that shows this roundtable: every countdown in one tick agrees. */
  readonly clock = new Clock(() => this.serverNow());

  constructor(roundtableId: string, token: string) {
    this.#socket = fallbackSocket<ServerToClientEvents>(
      { roundtableId, token },
      {
        connect: () => {
          this.#status = 'online';
          void this.#measureClock();
        },
        disconnect: () => {
          if (this.#status !== 'ended') this.#status = 'reconnecting';
        },
        connectError: (failure) => this.#onConnectError(failure),
      },
    );
    this.#socket.on('state', (state) => this.#follower.state(state));
    this.#socket.on('patch', (patch) => this.#follower.patch(patch));
    this.#socket.on('me', (me) => (this.#me = me));
    this.#socket.on('presence', (online) => (this.#online = online));
    this.#socket.on('ended', (reason) => {
      this.#ended = reason;
      this.#status = 'ended';
      this.#socket.close();
    });
  }

  get state(): StateView | null {
    return this.#state;
  }
  get me(): Me | null {
    return this.#me;
  }
  /** Who this connection acts as, as the server says: what pages hand to can() to hide what it would refuse. */
  get actor(): Actor | null {
    return this.#actor;
  }
  /** What can() says this connection may do now: nothing until the server has said who it is and sent the state. */
  may(action: Action, subject?: Subject): boolean {
    return !!this.#actor && !!this.#state && can(this.#actor, action, this.#state, subject);
  }
  /** Ids of the participants connected now. */
  get online(): ReadonlySet<string> {
    return this.#onlineSet;
  }
  isOnline(participantId: string): boolean {
    return this.#onlineSet.has(participantId);
  }
  /** Active participants (not removed, banned or waiting) connected now. */
  get onlineActiveCount(): number {
    return this.#onlineActive;
  }
  get status(): ConnectionStatus {
    return this.#status;
  }
  /** Why the server ended or refused this session, in its own words and code. */
  get ended(): Failure | null {
    return this.#ended;
  }
  /** The server's clock now, for countdowns that are right even on a phone with a wrong clock. */
  serverNow(): number {
    return Date.now() + this.#offset;
  }

  /**
   * Sends a command made against the version on screen, or against `madeAt` (the version a form
   * was opened at, so an edit that crossed someone else's is recognised); resolves with the ack.
   */
  async send(command: Command, madeAt?: number): Promise<CommandAck> {
    const baseVersion = madeAt ?? this.#state?.version ?? 0;
    try {
      return await this.#socket.request('command', [{ baseVersion, command }], COMMAND_TIMEOUT_MS);
    } catch (error) {
      return localFailure(error instanceof AckTimeout ? 'no_answer' : 'not_connected');
    }
  }

  close(): void {
    this.#socket.close();
  }

  #onConnectError(failure: Failure | null): void {
    if (failure && (failure.code === 'unauthenticated' || failure.code === 'banned')) {
      this.#ended = failure;
      this.#status = 'ended';
      this.#socket.close();
      return;
    }
    this.#status = 'reconnecting';
  }

  async #measureClock(): Promise<void> {
    const sent = Date.now();
    const reply = await this.#socket.request('clock', [], 5000).catch(() => null);
    if (reply) this.#offset = reply.now - (sent + Date.now()) / 2;
  }
}

function actorOf(me: Me | null): Actor | null {
  if (me?.linkId && me.role !== 'participant') return { kind: 'link', linkId: me.linkId, role: me.role };
  if (me?.participantId && me.role !== 'projector' && me.role !== 'desk' && me.role !== 'booth') {
    return { kind: 'participant', participantId: me.participantId, role: me.role, pending: me.pending };
  }
  return null;
}
