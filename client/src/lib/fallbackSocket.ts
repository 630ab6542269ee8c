import { SocketIoClient, type RealtimeSocket, type SocketIoHandlers } from './socketio';

/** WebSocket attempts that end before a word from the server, in a row, before trying long-polling. */
const BLOCKED_AFTER = 2;

/**
 * The page's socket: our small WebSocket client, and long-polling (socket.io-client, a chunk of
 * its own) where a proxy refuses WebSocket. It switches only while WebSocket has never reached
 * the server in this page load and the browser believes it is online, so a server restart or a
 * lost network does not move a phone onto polling; once switched it stays for the page load (a
 * network that refuses upgrades keeps refusing them; a reload tries WebSocket again).
 *
 * A closure rather than a class: its names minify, and the phone's budget has bytes to spare for
 * nothing.
 */
export function fallbackSocket<Incoming>(auth: object, handlers: SocketIoHandlers): RealtimeSocket<Incoming> {
  const listeners = new Map<keyof Incoming & string, Incoming[keyof Incoming & string]>();
  let failures = 0;
  let reached = false;
  let closed = false;

  const webSocket = (): RealtimeSocket<Incoming> =>
    new SocketIoClient<Incoming>(auth, {
      connect: () => ((reached = true), handlers.connect()),
      disconnect: handlers.disconnect,
      connectError: (message) => ((reached = true), handlers.connectError(message)),
      transportFailed: () => {
        if (reached || !navigator.onLine || ++failures < BLOCKED_AFTER) return;
        inner.close();
        void poll();
      },
    });

  const poll = async () => {
    const loaded = await import('./pollingSocket').catch(() => null);
    if (closed) return;
    // Without the chunk (the network went as it loaded): WebSocket again, counting afresh.
    failures = 0;
    inner = loaded ? new loaded.PollingSocket<Incoming>(auth, handlers) : webSocket();
    for (const [event, listener] of listeners) inner.on(event, listener);
  };

  let inner = webSocket();
  return {
    get connected() {
      return inner.connected;
    },
    on(event, listener) {
      listeners.set(event, listener);
      inner.on(event, listener);
    },
    request: (event, args, timeoutMs) => inner.request(event, args, timeoutMs),
    close() {
      closed = true;
      inner.close();
    },
  };
}
