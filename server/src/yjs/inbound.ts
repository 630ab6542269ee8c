import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { YJS_MESSAGE } from '@roundtable/shared';
import { decodeAwareness, type AwarenessEntry } from './awarenessOwners.js';

/** A client's message, read in full: nothing is acted on until all of it has been decoded. */
export type Inbound =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' };

/**
 * Decodes one binary message; throws on anything malformed. What a read-only connection sends to
 * change the document or its presence is refused whatever it holds, so its payload is not decoded.
 */
export function decodeInbound(data: Uint8Array, readOnly: boolean): Inbound {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === YJS_MESSAGE.sync) {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      Y.decodeStateVector(payload);
      return { kind: 'syncStep1', stateVector: payload };
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      throw new Error(`Unknown sync message ${step}.`);
    }
    if (!readOnly) Y.decodeUpdate(payload);
    return { kind: 'update', update: payload };
  }
  if (type === YJS_MESSAGE.awareness) {
    const payload = decoding.readVarUint8Array(decoder);
    return { kind: 'awareness', entries: readOnly ? [] : decodeAwareness(payload) };
  }
  if (type === YJS_MESSAGE.queryAwareness) return { kind: 'queryAwareness' };
  throw new Error(`Unknown message type ${type}.`);
}
