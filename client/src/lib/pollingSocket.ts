/**
 * The same socket surface over HTTP long-polling, for networks whose proxies refuse WebSocket
 * upgrades. It is the stock socket.io-client (which the server speaks natively), loaded only by
 * fallbackSocket.ts once WebSocket has failed, so the phone's budget pays nothing for it.
 */
import { io, type Socket } from 'socket.io-client';
import {
  AckTimeout,
  NotConnected,
  refusalOf,
  type RealtimeSocket,
  type Request,
  type RequestAnswer,
  type RequestArgs,
  type SocketIoHandlers,
} from './socketio';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;

export class PollingSocket<Incoming> implements RealtimeSocket<Incoming> {
  /** Untyped events: request() is typed by ClientToServerEvents, which socket.io-client cannot relate to a generic event. */
  readonly #socket: Socket;
  readonly #listeners = new Map<string, (...args: unknown[]) => void>();
  /** Unanswered requests, failed when the connection goes: their answers can no longer arrive. */
  readonly #pending = new Set<(error: Error) => void>();
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(auth: object, handlers: SocketIoHandlers) {
    // Polling only: the upgrade it would probe is what the network refuses.
    this.#socket = io({
      auth: { ...auth },
      transports: ['polling'],
      upgrade: false,
      forceNew: true,
      reconnectionDelay: RETRY_MIN_MS,
      reconnectionDelayMax: RETRY_MAX_MS,
    });
    this.#socket.on('connect', () => handlers.connect());
    this.#socket.on('disconnect', (reason) => {
      this.#failPending();
      handlers.disconnect(reason === 'io server disconnect' ? 'server' : 'transport');
      // socket.io-client leaves a session the server closed closed; the WebSocket client comes back.
      if (reason === 'io server disconnect') this.#retry();
    });
    this.#socket.on('connect_error', (error) => {
      handlers.connectError(refusalOf((error as Error & { data?: unknown }).data));
      // A refusal by the server's middleware is not retried by socket.io-client; a lost request is.
      if (!this.#socket.active) this.#retry();
    });
    this.#socket.onAny((event: string, ...args: unknown[]) => this.#listeners.get(event)?.(...args));
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  on<E extends keyof Incoming & string>(event: E, listener: Incoming[E]): void {
    this.#listeners.set(event, listener as unknown as (...args: unknown[]) => void);
  }

  request<E extends Request>(event: E, args: RequestArgs<E>, timeoutMs: number): Promise<RequestAnswer<E>> {
    // socket.io-client would buffer it until the next connection; the caller is told now instead.
    if (!this.#socket.connected) return Promise.reject(new NotConnected());
    return new Promise((resolve, reject) => {
      this.#pending.add(reject);
      this.#socket
        .timeout(timeoutMs)
        .emitWithAck(event, ...args)
        .then(resolve, () => reject(new AckTimeout()))
        .finally(() => this.#pending.delete(reject));
    });
  }

  close(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#socket.disconnect();
    this.#failPending();
  }

  #retry(): void {
    if (this.#stopped) return;
    clearTimeout(this.#retryTimer);
    const wait = RETRY_MIN_MS + Math.random() * RETRY_MIN_MS;
    this.#retryTimer = setTimeout(() => this.#stopped || this.#socket.connect(), wait);
  }

  #failPending(): void {
    for (const reject of this.#pending) reject(new NotConnected());
    this.#pending.clear();
  }
}
