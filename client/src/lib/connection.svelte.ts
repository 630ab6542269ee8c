import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  Command,
  CommandAck,
  Failure,
  Me,
  ServerToClientEvents,
  StateView,
} from '@roundtable/shared';

type RoundtableSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'ended';

const COMMAND_TIMEOUT_MS = 10_000;

/**
 * One live connection to a roundtable, as reactive state. Pages read `state`, `me`, `status`
 * and call `send()`; nothing else in the client touches the socket.
 */
export class RoundtableConnection {
  #socket: RoundtableSocket;
  #state = $state<StateView | null>(null);
  #me = $state<Me | null>(null);
  #online = $state<string[]>([]);
  #status = $state<ConnectionStatus>('connecting');
  #ended = $state<Failure | null>(null);
  /** serverTime ≈ Date.now() + offset, measured on every (re)connect. */
  #offset = $state(0);

  constructor(roundtableId: string, token: string) {
    this.#socket = io({ auth: { roundtableId, token }, transports: ['websocket', 'polling'] });
    this.#socket.on('connect', () => {
      this.#status = 'online';
      this.#measureClock();
    });
    this.#socket.on('disconnect', (reason) => {
      if (this.#status === 'ended') return;
      this.#status = reason === 'io client disconnect' ? 'ended' : 'reconnecting';
      // Socket.IO does not retry after a server-side disconnect; unless the session was ended, we do.
      if (reason === 'io server disconnect') this.#socket.connect();
    });
    this.#socket.on('connect_error', (error) => this.#onConnectError(error));
    this.#socket.on('state', (state) => this.#accept(state));
    this.#socket.on('me', (me) => (this.#me = me));
    this.#socket.on('presence', (online) => (this.#online = online));
    this.#socket.on('ended', (reason) => {
      this.#ended = reason;
      this.#status = 'ended';
    });
  }

  get state(): StateView | null {
    return this.#state;
  }
  get me(): Me | null {
    return this.#me;
  }
  get online(): ReadonlySet<string> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a read-only snapshot; reactivity comes from #online
    return new Set(this.#online);
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
  send(command: Command, madeAt?: number): Promise<CommandAck> {
    const baseVersion = madeAt ?? this.#state?.version ?? 0;
    return new Promise((resolve) => {
      if (!this.#socket.connected) {
        resolve({ ok: false, code: 'internal', message: 'Not connected; try again when the connection is back.' });
        return;
      }
      this.#socket
        .timeout(COMMAND_TIMEOUT_MS)
        .emit('command', { baseVersion, command }, (err: Error | null, ack: CommandAck) => {
          resolve(err ? { ok: false, code: 'internal', message: 'The server did not answer in time.' } : ack);
        });
    });
  }

  close(): void {
    this.#socket.disconnect();
  }

  /** Versions only move forward: an older state arriving late is ignored. */
  #accept(state: StateView): void {
    if (this.#state && state.id === this.#state.id && state.version < this.#state.version) return;
    this.#state = state;
  }

  #onConnectError(error: Error): void {
    const [code, ...rest] = error.message.split(': ');
    if (code === 'unauthenticated' || code === 'banned') {
      this.#ended = { ok: false, code, message: rest.join(': ') || error.message };
      this.#status = 'ended';
      this.#socket.disconnect();
      return;
    }
    this.#status = 'reconnecting';
  }

  #measureClock(): void {
    const sent = Date.now();
    this.#socket.timeout(5000).emit('clock', (err: Error | null, reply: { now: number }) => {
      if (err) return;
      const received = Date.now();
      this.#offset = reply.now - (sent + received) / 2;
    });
  }
}
