/**
 * A child process holding several writers of one document over the y-websocket protocol. Each
 * writer types at its own pace; every writer notes when each other writer's edits reach it, by
 * the clocks of the Yjs items it receives (an insert advances its writer's clock).
 */
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { now, sleep, until } from '../lib/clock.js';
import { serve } from '../lib/rpc.js';

interface Writer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Own edits: [clock the insert reaches, time it was made]. */
  edits: [number, number][];
  /** Per other writer's client id: [clock reached, time it arrived here], ascending. */
  seen: Map<number, [number, number][]>;
}

export interface OpenParams {
  serverUrl: string;
  room: string;
  keys: (string | null)[];
}

export interface WriterReport {
  clientId: number;
  edits: [number, number][];
  seen: [number, [number, number][]][];
  digest: string;
  docBytes: number;
}

let writers: Writer[] = [];
let recording = false;

function open(p: OpenParams, key: string | null): Writer {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(p.serverUrl, p.room, doc, {
    WebSocketPolyfill: WebSocket as never,
    ...(key ? { protocols: ['roundtable', `key.${key}`] } : {}),
    // Writers in one process must talk through the server, not a BroadcastChannel.
    disableBc: true,
  });
  // Our server's extra message types (stored, error) matter to the editor, not here.
  provider.messageHandlers[4] = () => undefined;
  provider.messageHandlers[5] = () => undefined;
  const w: Writer = { doc, provider, edits: [], seen: new Map() };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (!recording || origin !== provider) return;
    const t = now();
    for (const s of Y.decodeUpdate(update).structs) {
      if (s.id.client === doc.clientID) continue;
      const list = w.seen.get(s.id.client) ?? [];
      w.seen.set(s.id.client, list);
      const end = s.id.clock + s.length;
      const last = list.at(-1);
      if (!last || last[0] < end) list.push([end, t]);
    }
  });
  return w;
}

const words = ['lesson ', 'border ', 'data ', 'trust ', 'shared ', 'risk ', 'the ', 'and ', 'cooperation '];

serve({
  async open(p: OpenParams) {
    writers = p.keys.map((k) => open(p, k));
    const ok = await until(() => writers.every((w) => w.provider.synced), 30_000);
    if (!ok) throw new Error('writers did not sync');
    return writers.map((w) => w.doc.clientID);
  },
  /** Each writer inserts a word at a random place `rate` times a second for `durationMs`. */
  async run({ rate, durationMs }: { rate: number; durationMs: number }) {
    recording = true;
    const period = 1000 / rate;
    await Promise.all(
      writers.map(async (w) => {
        const text = w.doc.getText('bench');
        const start = now() + Math.random() * period;
        for (let i = 0; i * period < durationMs; i++) {
          const wait = start + i * period - now();
          if (wait > 0) await sleep(wait);
          const word = words[Math.floor(Math.random() * words.length)] ?? 'x ';
          const at = now();
          text.insert(Math.floor(Math.random() * (text.length + 1)), word);
          w.edits.push([Y.getState(w.doc.store, w.doc.clientID), at]);
        }
      }),
    );
  },
  /** The state vector of every writer here, to wait until all copies have everything. */
  stateVectors: () => writers.map((w) => Buffer.from(Y.encodeStateVector(w.doc)).toString('base64')),
  report(): WriterReport[] {
    recording = false;
    return writers.map((w) => ({
      clientId: w.doc.clientID,
      edits: w.edits,
      seen: [...w.seen.entries()],
      digest: createHash('sha256')
        .update(w.doc.getText('bench').toString())
        .update(Y.encodeStateVector(w.doc))
        .digest('hex')
        .slice(0, 16),
      docBytes: Y.encodeStateAsUpdate(w.doc).byteLength,
    }));
  },
  close() {
    for (const w of writers) {
      w.provider.destroy();
      w.doc.destroy();
    }
    writers = [];
  },
});
