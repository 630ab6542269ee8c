import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { can } from '@roundtable/shared';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Roundtables } from '../roundtables.js';
import { hashSecret } from '../secrets.js';
import type { Store } from '../store/store.js';
import type { Documents } from './documents.js';
import { CLOSE } from './messages.js';
import type { DocConnection } from './sharedDoc.js';

export const YJS_PATH = '/yjs/';
/** One y-websocket message may not exceed this; a larger one closes the connection (1009). */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

type Admission =
  { ok: true; roundtableId: string; readOnly: boolean; who: string } | { ok: false; code: number; reason: string };

/** The same can() as everywhere: read to open the document, write to change it. */
function admit(req: http.IncomingMessage, roundtables: Roundtables, store: Store): Admission {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const roundtableId = decodeURIComponent(url.pathname.slice(YJS_PATH.length));
  const key = url.searchParams.get('key') ?? '';
  const state = roundtables.get(roundtableId);
  if (!state) return { ok: false, code: CLOSE.notFound, reason: 'No such roundtable.' };
  const credential = key.length >= 16 ? store.findCredential(state.id, hashSecret(key)) : undefined;
  if (!credential)
    return { ok: false, code: CLOSE.unauthenticated, reason: 'A valid link or participant identity is needed.' };
  const who = roundtables.actorOf(state, { credential });
  if (!who.ok) return { ok: false, code: CLOSE.unauthenticated, reason: who.message };
  if (!can(who.actor, 'document.read', state)) {
    return { ok: false, code: CLOSE.forbidden, reason: 'The outcome document has not been published yet.' };
  }
  const id = credential.kind === 'link' ? `l:${credential.linkId}` : `p:${credential.participantId}`;
  return { ok: true, roundtableId: state.id, readOnly: !can(who.actor, 'document.write', state), who: id };
}

/** Serves the outcome documents over the y-websocket protocol at /yjs/<roundtableId>?key=<secret>. */
export function attachYjs(
  httpServer: http.Server,
  roundtables: Roundtables,
  store: Store,
  documents: Documents,
  log: Logger,
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith(YJS_PATH)) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Refusals are sent as close codes in 4400–4499, which tell the provider not to retry.
      const admission = admit(req, roundtables, store);
      if (!admission.ok) return ws.close(admission.code, admission.reason);
      serve(ws, admission, documents, log);
    });
  });
  return wss;
}

function serve(ws: WebSocket, admission: Extract<Admission, { ok: true }>, documents: Documents, log: Logger): void {
  ws.binaryType = 'arraybuffer';
  const conn: DocConnection = {
    readOnly: admission.readOnly,
    who: admission.who,
    send: (message) => {
      if (ws.readyState === ws.OPEN) ws.send(message, (err) => err && ws.terminate());
    },
    close: (code, reason) => ws.close(code, reason),
  };
  let shared;
  try {
    shared = documents.connect(admission.roundtableId, conn);
  } catch (error) {
    log.error({ err: error }, 'document could not be opened');
    return ws.close(CLOSE.internal, 'The document could not be opened.');
  }
  const doc = shared;
  ws.on('message', (data: ArrayBuffer | Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    doc.receive(
      conn,
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
  });
  ws.on('close', () => documents.disconnect(doc, conn));
  ws.on('error', (error) => log.debug({ err: error }, 'document socket error'));
}
