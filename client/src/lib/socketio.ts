import type { ClientToServerEvents, Failure } from '@roundtable/shared';

/**
 * A Socket.IO client for the default namespace, over WebSocket only: Engine.IO v4 framing and
 * Socket.IO v5 text packets (events, acknowledgements, connect, connect errors, disconnect).
 *
 * Why not socket.io-client: it is 13.5 KiB gzip, a third of the phone page's 40 KiB budget,
 * for polling transports, binary attachments and namespaces we rarely or never use. The server is
 * the stock Socket.IO 4 server; where WebSocket is blocked, fallbackSocket.ts loads socket.io-client
 * for long-polling instead of this.
 */

export interface SocketIoHandlers {
  connect(): void;
  /** `server`: the server closed this session; `transport`: the connection was lost. */
  disconnect(reason: 'server' | 'transport'): void;
  /** The server refused the handshake: the failure its middleware gave (null if it sent none we can read). */
  connectError(failure: Failure | null): void;
  /** A connection attempt ended before a word from the server: the upgrade was refused, timed out or cut. */
  transportFailed?(): void;
}

/** The events a client emits, each answered by an acknowledgement (its last parameter). */
export type Request = keyof ClientToServerEvents & string;
/** What `event` carries before its acknowledgement. */
export type RequestArgs<E extends Request> =
  Parameters<ClientToServerEvents[E]> extends [...infer Args, (answer: never) => void] ? Args : never;
/** What the server's acknowledgement of `event` answers. */
export type RequestAnswer<E extends Request> =
  Parameters<ClientToServerEvents[E]> extends [...unknown[], (answer: infer Answer) => void] ? Answer : never;

/** What a page's connection needs of a socket, whichever transport carries it (see fallbackSocket.ts). */
export interface RealtimeSocket<Incoming> {
  readonly connected: boolean;
  on<E extends keyof Incoming & string>(event: E, listener: Incoming[E]): void;
  /** Emits an event and resolves with the server's acknowledgement. */
  request<E extends Request>(event: E, args: RequestArgs<E>, timeoutMs: number): Promise<RequestAnswer<E>>;
  /** Ends the session for good: no more reconnecting. */
  close(): void;
}

/** The failure a refused handshake carries as its `data` (server/src/realtime/socket.ts), if it is one. */
export const refusalOf = (data: unknown): Failure | null =>
  typeof data === 'object' &&
  data !== null &&
  (data as Failure).ok === false &&
  typeof (data as Failure).reason === 'string'
    ? (data as Failure)
    : null;

export class AckTimeout extends Error {}
export class NotConnected extends Error {}

type Timer = ReturnType<typeof setTimeout>;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: Timer };

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;
/** A proxy may hold an upgrade it will never answer; the server's open frame comes within a round trip. */
const OPEN_TIMEOUT_MS = 10_000;

/** `Incoming` maps the server's event names to their listeners (e.g. `ServerToClientEvents`). */
export class SocketIoClient<Incoming> implements RealtimeSocket<Incoming> {
  #ws: WebSocket | null = null;
  /** Whether the current WebSocket has carried a frame from the server. */
  #heard = false;
  #connected = false;
  #stopped = false;
  #attempts = 0;
  #retryTimer: Timer | undefined;
  #heartbeat: Timer | undefined;
  #heartbeatMs = 45_000;
  #nextAckId = 0;
  #pending = new Map<number, Pending>();
  #listeners = new Map<string, (...args: unknown[]) => void>();

  readonly #auth: object;
  readonly #handlers: SocketIoHandlers;
  readonly #url: string;

  constructor(auth: object, handlers: SocketIoHandlers, url = defaultUrl()) {
    this.#auth = auth;
    this.#handlers = handlers;
    this.#url = url;
    globalThis.addEventListener?.('offline', this.#onOffline);
    globalThis.addEventListener?.('online', this.#onOnline);
    this.#open();
  }

  // The browser knows about a lost network long before a heartbeat would: act on it at once.
  #onOffline = () => this.#ws && this.#lost('transport');
  #onOnline = () => this.#retryNow();

  get connected(): boolean {
    return this.#connected;
  }

  on<E extends keyof Incoming & string>(event: E, listener: Incoming[E]): void {
    this.#listeners.set(event, listener as unknown as (...args: unknown[]) => void);
  }

  request<E extends Request>(event: E, args: RequestArgs<E>, timeoutMs: number): Promise<RequestAnswer<E>> {
    return new Promise((resolve, reject) => {
      if (!this.#connected || !this.#ws) return reject(new NotConnected());
      const id = this.#nextAckId++;
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new AckTimeout());
      }, timeoutMs);
      // The answer is the server's: what its type says it sends for this event.
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.#ws.send(`42${id}${JSON.stringify([event, ...args])}`);
    });
  }

  close(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    globalThis.removeEventListener?.('offline', this.#onOffline);
    globalThis.removeEventListener?.('online', this.#onOnline);
    if (this.#connected) this.#ws?.send('41');
    this.#drop();
  }

  #open(): void {
    const ws = new WebSocket(this.#url);
    this.#ws = ws;
    this.#heard = false;
    this.#armHeartbeat(OPEN_TIMEOUT_MS);
    ws.onmessage = (e) => typeof e.data === 'string' && this.#onFrame(e.data);
    ws.onclose = () => ws === this.#ws && this.#lost('transport');
  }

  #onFrame(frame: string): void {
    this.#heard = true;
    this.#armHeartbeat();
    switch (frame[0]) {
      case '0': // Engine.IO open: learn the heartbeat, then ask to join the default namespace.
        this.#learnHeartbeat(frame.slice(1));
        this.#ws?.send(`40${JSON.stringify(this.#auth)}`);
        return;
      case '1':
        return this.#lost('transport');
      case '2':
        return this.#ws?.send('3');
      case '4':
        return this.#onPacket(frame.slice(1));
    }
  }

  #onPacket(packet: string): void {
    const type = packet[0];
    const { id, data } = decodeBody(packet.slice(1));
    if (type === '0') {
      this.#connected = true;
      this.#attempts = 0;
      this.#handlers.connect();
    } else if (type === '1') {
      this.#lost('server');
    } else if (type === '2' && Array.isArray(data) && typeof data[0] === 'string') {
      this.#listeners.get(data[0])?.(...data.slice(1));
    } else if (type === '3' && id !== undefined) {
      this.#settle(id, Array.isArray(data) ? data[0] : undefined);
    } else if (type === '4') {
      this.#handlers.connectError(refusalOf((data as { data?: unknown } | undefined)?.data));
      this.#drop();
      this.#scheduleRetry();
    }
  }

  #settle(id: number, value: unknown): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(id);
    pending.resolve(value);
  }

  #lost(reason: 'server' | 'transport'): void {
    const wasConnected = this.#connected;
    const unheard = !this.#heard;
    this.#drop();
    if (wasConnected) this.#handlers.disconnect(reason);
    else if (unheard) this.#handlers.transportFailed?.();
    this.#scheduleRetry();
  }

  /** Closes the socket and fails every unanswered request: their answers can no longer arrive. */
  #drop(): void {
    this.#connected = false;
    clearTimeout(this.#heartbeat);
    const ws = this.#ws;
    this.#ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close();
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new NotConnected());
      this.#pending.delete(id);
    }
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    clearTimeout(this.#retryTimer);
    const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.#attempts++);
    // Jitter, so a room of phones coming back from the same Wi-Fi outage does not reconnect in step.
    this.#retryTimer = setTimeout(() => this.#open(), base * (0.5 + Math.random() / 2));
  }

  #retryNow(): void {
    if (this.#stopped || this.#ws) return;
    clearTimeout(this.#retryTimer);
    this.#open();
  }

  #learnHeartbeat(json: string): void {
    const open = parseJson(json) as { pingInterval?: unknown; pingTimeout?: unknown } | undefined;
    if (typeof open?.pingInterval === 'number' && typeof open.pingTimeout === 'number')
      this.#heartbeatMs = open.pingInterval + open.pingTimeout;
  }

  /** A connection that stops hearing the server's pings is dead, even if the OS has not noticed. */
  #armHeartbeat(ms = this.#heartbeatMs): void {
    clearTimeout(this.#heartbeat);
    this.#heartbeat = setTimeout(() => this.#lost('transport'), ms);
  }
}

/** `[ack id][JSON]` after the packet type; we use only the default namespace and no binary. */
function decodeBody(body: string): { id?: number; data?: unknown } {
  const digits = /^\d*/.exec(body)?.[0] ?? '';
  const rest = body.slice(digits.length);
  return { id: digits ? Number(digits) : undefined, data: rest ? parseJson(rest) : undefined };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function defaultUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/socket.io/?EIO=4&transport=websocket`;
}
