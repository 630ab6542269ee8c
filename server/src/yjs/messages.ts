import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { YJS_MESSAGE, type Failure } from '@roundtable/shared';

// The encoders of what the server sends; the message types are shared with the client (yjsProtocol.ts).

export function syncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, YJS_MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, YJS_MESSAGE.sync);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, YJS_MESSAGE.awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** What is stored as a snapshot (state vector and delete set): a deletion adds nothing to a state vector. */
export function storedMessage(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, YJS_MESSAGE.stored);
  encoding.writeVarUint8Array(e, Y.encodeSnapshot(Y.snapshot(doc)));
  return encoding.toUint8Array(e);
}

export function errorMessage(failure: Failure): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, YJS_MESSAGE.error);
  encoding.writeVarString(e, JSON.stringify(failure));
  return encoding.toUint8Array(e);
}
