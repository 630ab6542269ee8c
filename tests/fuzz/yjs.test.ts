import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { closeAll, connect, connected, createRoundtable, join, send } from '../support/clients.js';
import { closeDocuments, openDocument, openRawDocument } from '../support/documents.js';
import { startServer, type TestServer } from '../support/server.js';
import { announce, fuzzParameters, runsFor } from './settings.js';
import * as m from './yjsMessages.js';

const PER_RUN = 100;
/** Why the server may close a fuzzing connection: too many malformed messages, a frame over the limit. */
const EXPECTED_CLOSES = new Set([4400, 1009]);

let server: TestServer;
const stats = { sent: 0, redirected: 0, closes: new Map<number, number>(), reconnects: 0 };
/** Close codes no fuzzing connection should ever get. */
const unexpected: number[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAll();
  closeDocuments();
  await server?.stop();
});

/**
 * A raw document connection that opens again whenever the server closed it. `settled()` is a barrier:
 * a ping is answered only after every message before it was read, so its pong says they were handled.
 */
class Peer {
  ws: WebSocket | undefined;
  /** Sync updates (0, 2) relayed to the current socket: an applied edit comes back to its sender. */
  relays = 0;
  private oversized = false;

  constructor(
    private readonly roundtableId: string,
    private readonly key: string,
  ) {}

  async socket(): Promise<WebSocket> {
    if (this.ws?.readyState === WebSocket.OPEN) return this.ws;
    if (this.ws) stats.reconnects++;
    const ws = openRawDocument(server.url, this.roundtableId, this.key);
    this.ws = ws;
    this.relays = 0;
    this.oversized = false;
    ws.on('error', () => undefined); // a refused frame may reset the socket: its close says why
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary && data[0] === 0 && data[1] === 2) this.relays++;
    });
    ws.on('close', (code) => {
      stats.closes.set(code, (stats.closes.get(code) ?? 0) + 1);
      // The server may reset the connection while a frame over the limit is still being sent.
      if (!EXPECTED_CLOSES.has(code) && !(code === 1006 && this.oversized) && code !== 1005) unexpected.push(code);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', (code) => reject(new Error(`document connection refused: ${code}`)));
    });
    return ws;
  }

  async send(message: Uint8Array | string): Promise<void> {
    const ws = await this.socket();
    if (typeof message !== 'string' && message.byteLength > m.FRAME_LIMIT) this.oversized = true;
    ws.send(message, { binary: typeof message !== 'string' });
    stats.sent++;
  }

  /** Whether the connection read everything sent so far (false: the server closed it meanwhile). */
  settled(): Promise<boolean> {
    const ws = this.ws;
    if (ws?.readyState !== WebSocket.OPEN) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        ws.off('pong', onPong);
        ws.off('close', onClose);
        resolve(ok);
      };
      const onPong = () => done(true);
      const onClose = () => done(false);
      ws.on('pong', onPong);
      ws.on('close', onClose);
      ws.ping();
    });
  }

  /** Sends a valid update until it is applied: a connection closed before it came back never had it. */
  async apply(message: Uint8Array): Promise<void> {
    for (;;) {
      await this.send(message);
      const ws = this.ws!;
      const before = this.relays;
      await expect
        .poll(() => this.relays > before || ws.readyState !== WebSocket.OPEN, { timeout: 10_000, interval: 1 })
        .toBe(true);
      if (ws === this.ws && this.relays > before) return;
    }
  }

  close(): void {
    this.ws?.close();
  }
}

/** The server's document as a fresh provider receives it once every fuzzing connection is closed. */
async function fetched(roundtableId: string, key: string): Promise<Y.Doc> {
  const fresh = openDocument(server.url, roundtableId, key);
  await fresh.synced;
  return fresh.doc;
}

/**
 * One roundtable for every run (creating them is rate-limited): the document carries over, and so does
 * the author's copy, which after each run must equal it exactly. With endOnFailure a seed replays it all.
 */
interface Room {
  roundtableId: string;
  moderatorSecret: string;
  peers: { writer: Peer; reader: Peer };
  /** Starts from the outline the server wrote; its edits are all that may change the document after. */
  author: Y.Doc;
  /** Where the reader's valid updates come from: never applied anywhere. */
  intruder: Y.Doc;
  /** Where the updates that are cut short come from. */
  scratch: Y.Doc;
}
let room: Room;

async function openRoom(): Promise<Room> {
  const rt = await createRoundtable(server.url);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'document.setPublished', published: true })).toMatchObject({ ok: true });
  closeAll();
  const phone = await join(server.url, rt.joinCode, 'Phone');
  const author = await fetched(rt.roundtableId, rt.moderatorSecret);
  closeDocuments();
  return {
    roundtableId: rt.roundtableId,
    moderatorSecret: rt.moderatorSecret,
    peers: { writer: new Peer(rt.roundtableId, rt.moderatorSecret), reader: new Peer(rt.roundtableId, phone.token) },
    author,
    intruder: new Y.Doc(),
    scratch: new Y.Doc(),
  };
}

async function run(messages: m.Fuzz[]): Promise<void> {
  room ??= await openRoom();
  const { peers, author, intruder, scratch } = room;
  let pending = 0;
  for (const message of messages) {
    if (message.kind === 'edit') {
      await peers.writer.apply(m.syncMessage(message.step, m.edit(author, message.at, message.text, message.remove)));
      continue;
    }
    const { on, bytes } = materialise(message, intruder, scratch);
    // A writer may make any change Yjs can read; this one goes to the reader, who may make none.
    const to = on === 'writer' && typeof bytes !== 'string' && m.couldApply(bytes) ? 'reader' : on;
    if (to !== on) stats.redirected++;
    await peers[to].send(bytes);
    // Keep the server reading what is sent rather than discarding it after a close it has not seen yet.
    if (++pending % 8 === 0) await Promise.all([peers.writer.settled(), peers.reader.settled()]);
  }
  await Promise.all([peers.writer.settled(), peers.reader.settled()]);
  peers.writer.close();
  peers.reader.close();

  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const served = await fetched(room.roundtableId, room.moderatorSecret);
  expect(served.getText('notes').toString()).toBe(author.getText('notes').toString());
  expect(served.getXmlFragment('default').toString()).toBe(author.getXmlFragment('default').toString());
  expect(Y.encodeStateVector(served)).toEqual(Y.encodeStateVector(author));
  expect(Y.equalSnapshots(Y.snapshot(served), Y.snapshot(author))).toBe(true);
  closeDocuments();
  expect(unexpected).toEqual([]);
}

function materialise(message: Exclude<m.Fuzz, { kind: 'edit' }>, intruder: Y.Doc, scratch: Y.Doc) {
  switch (message.kind) {
    case 'intrude':
      return { on: 'reader' as const, bytes: m.syncMessage(message.step, m.edit(intruder, 0, message.text, 0)) };
    case 'truncated': {
      const update = m.edit(scratch, 0.5, message.text, 1);
      return { on: message.on, bytes: m.syncMessage(message.step, update.subarray(0, message.cut % update.length)) };
    }
    case 'garbage':
      return { on: message.on, bytes: m.syncMessage(message.step, message.payload) };
    case 'enormous':
      return { on: message.on, bytes: m.enormous(message.frame, message.fill, message.step) };
    case 'raw':
      return { on: message.on, bytes: message.bytes };
    case 'awarenessGarbage':
      return { on: message.on, bytes: m.awarenessMessage(message.payload) };
    case 'awareness':
      return { on: message.on, bytes: m.awarenessEntries(message.entries) };
    case 'text':
      return { on: message.on, bytes: message.text };
    case 'empty':
      return { on: message.on, bytes: new Uint8Array(0) };
  }
}

it('survives hostile document messages from writers and readers, and keeps exactly the valid edits', async () => {
  announce('yjs endpoint');
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(fc.array(m.fuzzMessage, { minLength: PER_RUN, maxLength: PER_RUN }), run),
    fuzzParameters(runsFor(PER_RUN)),
  );
  // After it all, the server is up and a provider still connects and syncs.
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const rt = await createRoundtable(server.url);
  await openDocument(server.url, rt.roundtableId, rt.moderatorSecret).synced;
  const closes = Object.fromEntries(stats.closes);
  console.log(
    `[fuzz] yjs endpoint: ${stats.sent} messages in ${Date.now() - started} ms, ${stats.redirected} redirected to the reader, closes ${JSON.stringify(closes)}, ${stats.reconnects} reconnections`,
  );
});
