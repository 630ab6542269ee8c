import WebSocket from 'ws';

/**
 * A Socket.IO connection spoken by hand over a raw WebSocket, so a test can send frames no client
 * library would: a bare `42`, an event named by a number, a truncated packet, another namespace.
 */
export interface RawSocket {
  ws: WebSocket;
  /** Every text frame received, in order. */
  frames: string[];
  send(frame: string | Buffer): void;
  /** Resolves with the first frame (received or to come) that `match` accepts. */
  next(match: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  closed: Promise<number>;
}

export function openRaw(url: string): Promise<RawSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const frames: string[] = [];
  const waiters = new Set<(frame: string) => void>();
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (data) => {
    const frame = data.toString();
    if (frame === '2') return ws.send('3'); // Engine.IO ping → pong
    frames.push(frame);
    for (const waiter of [...waiters]) waiter(frame);
  });
  const raw: RawSocket = {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(frame),
    next: (match, timeoutMs = 5_000) => {
      const seen = frames.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(on);
          reject(new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(frames.slice(-5))}`));
        }, timeoutMs);
        const on = (frame: string) => {
          if (!match(frame)) return;
          clearTimeout(timer);
          waiters.delete(on);
          resolve(frame);
        };
        waiters.add(on);
      });
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => resolve(raw));
  });
}

/** Opens the main namespace with a key, as the app's client does, and waits until it is accepted. */
export async function openRawSession(url: string, roundtableId: string, token: string): Promise<RawSocket> {
  const raw = await openRaw(url);
  await raw.next((f) => f.startsWith('0{'));
  raw.send(`40${JSON.stringify({ roundtableId, token })}`);
  await raw.next((f) => f.startsWith('40{'));
  return raw;
}

/** Sends an event with an ack id and resolves with the ack's first argument. */
export async function rawAsk(raw: RawSocket, id: number, event: unknown, ...args: unknown[]): Promise<unknown> {
  raw.send(`42${id}${JSON.stringify([event, ...args])}`);
  const frame = await raw.next((f) => f.startsWith(`43${id}[`));
  return (JSON.parse(frame.slice(`43${id}`.length)) as unknown[])[0];
}
