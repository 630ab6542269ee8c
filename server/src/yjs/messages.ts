import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Failure } from '@roundtable/shared';

/** y-websocket message types, plus two of ours that the client registers handlers for. */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Server → client: a snapshot of what is stored on disk, so "Saved" never lies. */
  stored: 4,
  /** Server → client: a JSON `{ code, message }` the editor shows (read-only, document full…). */
  error: 5,
} as const;

/**
 * WebSocket close codes; 4400–4499 tell y-websocket's provider not to reconnect. `malformed`: the
 * connection kept sending what the protocol cannot read (see `malformed.ts`), so retrying would only repeat it.
 */
export const CLOSE = {
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  internal: 4500,
  /** The key holds as many document connections as it may; outside 44xx, so the provider retries later. */
  tooMany: 4529,
} as const;

/**
 * The WebSocket subprotocols a client offers: `roundtable`, the only one the server ever answers with,
 * and `key.<secret>`, which carries the secret in a header instead of the URL that proxies log.
 */
export const SUBPROTOCOL = 'roundtable';
export const KEY_PROTOCOL_PREFIX = 'key.';

export function syncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** What is stored as a snapshot (state vector and delete set): a deletion adds nothing to a state vector. */
export function storedMessage(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.stored);
  encoding.writeVarUint8Array(e, Y.encodeSnapshot(Y.snapshot(doc)));
  return encoding.toUint8Array(e);
}

export function errorMessage(failure: Failure): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.error);
  encoding.writeVarString(e, JSON.stringify(failure));
  return encoding.toUint8Array(e);
}
