import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { refusal } from '@roundtable/shared';
import type { Gate } from '../session/authenticate.js';
import { admit, closeWith, selectProtocol, YJS_PATH, type Admission } from './admission.js';
import type { Documents } from './documents.js';
import type { DocConnection } from './sharedDoc.js';

export { YJS_PATH } from './admission.js';
/** One y-websocket message may not exceed this; a larger one closes the connection (1009). */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/**
 * A connection that answers no ping for this long is dropped. Without it a client whose network
 * vanished stays open for minutes, keeping the awareness client ids it owns from its own reconnection.
 */
const HEARTBEAT_MS = 30_000;

/**
 * Serves the outcome documents over the y-websocket protocol at /yjs/<roundtableId>; the secret comes
 * as the subprotocol `key.<secret>` (see admission.ts), never in the URL.
 */
export function attachYjs(
  httpServer: http.Server,
  gate: Gate,
  documents: Documents,
  log: Logger,
  connectionsPerCredential: { participant: number; link: number },
) {
  const openBy = new Map<string, number>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: selectProtocol,
  });
  const watch = keepAlive(wss);
  httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith(YJS_PATH)) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      watch(ws);
      ws.on('error', (error) => log.debug({ err: error }, 'document socket error'));
      // What the client sends while its key is checked and the document read is kept, in order.
      const early: [RawData, boolean][] = [];
      const keep = (data: RawData, isBinary: boolean) => early.push([data, isBinary]);
      ws.on('message', keep);
      void open(ws, req).then(
        (serving) => {
          ws.off('message', keep);
          if (serving) for (const [data, isBinary] of early) ws.emit('message', data, isBinary);
        },
        (error: unknown) => {
          log.error({ err: error }, 'document connection could not be opened');
          closeWith(ws, refusal('internal'));
        },
      );
    });
  });

  /** Checks the connection and, if it may, serves it the document; false when it was refused and closed. */
  async function open(ws: WebSocket, req: http.IncomingMessage): Promise<boolean> {
    // Refusals are sent as close codes in 4400–4499, which tell the provider not to retry.
    const admission = await admit(req, gate);
    if (!admission.ok) return (closeWith(ws, admission), false);
    const { session } = admission;
    const who = session.rooms.own;
    // The same cap per device and per link as Socket.IO's: one key cannot hold the server's sockets.
    const cap = connectionsPerCredential[session.credential.kind];
    const held = openBy.get(who) ?? 0;
    if (held >= cap) return (closeWith(ws, refusal('too_many_connections', { max: cap })), false);
    openBy.set(who, held + 1);
    ws.once('close', () => {
      const left = (openBy.get(who) ?? 1) - 1;
      if (left > 0) openBy.set(who, left);
      else openBy.delete(who);
    });
    return serve(ws, admission, documents);
  }
  return wss;
}

/** Pings every open connection each HEARTBEAT_MS; one that did not answer the last ping is dropped. */
function keepAlive(wss: WebSocketServer): (ws: WebSocket) => void {
  const answered = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!answered.delete(ws)) ws.terminate();
      else ws.ping();
    }
  }, HEARTBEAT_MS);
  timer.unref();
  wss.on('close', () => clearInterval(timer));
  return (ws) => {
    answered.add(ws);
    ws.on('pong', () => answered.add(ws));
  };
}

async function serve(
  ws: WebSocket,
  admission: Extract<Admission, { ok: true }>,
  documents: Documents,
): Promise<boolean> {
  ws.binaryType = 'arraybuffer';
  const conn: DocConnection = {
    readOnly: admission.readOnly,
    frozen: admission.frozen,
    who: admission.session.rooms.own,
    send: (message) => {
      if (ws.readyState === ws.OPEN) ws.send(message, (err) => err && ws.terminate());
    },
    close: (code, reason) => ws.close(code, reason),
  };
  const doc = await documents.connect(admission.session.roundtableId, conn);
  // Closed while the document was read: it is let go at once.
  if (ws.readyState !== ws.OPEN) {
    documents.disconnect(doc, conn);
    return false;
  }
  ws.on('message', (data: RawData, isBinary: boolean) => {
    // Once closing, nothing more is read: a client that ignores our close cannot keep writing.
    if (ws.readyState !== ws.OPEN) return;
    if (!isBinary) return doc.refuse(conn, 'Text frames are not part of the protocol.');
    doc.receive(conn, bytesOf(data));
  });
  ws.on('close', () => documents.disconnect(doc, conn));
  return true;
}

function bytesOf(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
