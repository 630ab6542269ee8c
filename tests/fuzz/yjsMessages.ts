import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** The server's frame limit (server/src/yjs/endpoint.ts): a larger message closes the connection with 1009. */
export const FRAME_LIMIT = 2 * 1024 * 1024;

export type Side = 'writer' | 'reader';

/**
 * One generated message, described rather than materialised: a 2 MiB payload is a size and a fill, so a
 * failing case prints short, and an edit is made against the author's document when it is sent.
 */
export type Fuzz =
  /** A valid edit of the author's document, sent by the writer: the only thing that may change it. */
  | { kind: 'edit'; at: number; text: string; remove: number; step: 1 | 2 }
  /** A valid update the read-only connection tries to make. */
  | { kind: 'intrude'; text: string; step: 1 | 2 }
  /** A real update cut short. */
  | { kind: 'truncated'; on: Side; text: string; cut: number; step: 1 | 2 }
  /** Random bytes in a sync envelope of any step. */
  | { kind: 'garbage'; on: Side; step: number; payload: Uint8Array }
  /** A sync update of up to and past the frame limit. */
  | { kind: 'enormous'; on: Side; frame: number; fill: number; step: 1 | 2 }
  /** Any bytes at all: truncated varints, unknown and our server-only message types. */
  | { kind: 'raw'; on: Side; bytes: Uint8Array }
  /** Random bytes as an awareness update. */
  | { kind: 'awarenessGarbage'; on: Side; payload: Uint8Array }
  /** A well-formed awareness update naming any client ids with any states. */
  | { kind: 'awareness'; on: Side; entries: { id: number; clock: number; state: string }[] }
  | { kind: 'text'; on: Side; text: string }
  | { kind: 'empty'; on: Side };

const side = fc.constantFrom<Side>('writer', 'writer', 'reader');
const step = fc.constantFrom<1 | 2>(1, 2);
// Letters only (Kazakh, Russian, Latin): random UTF-16 would test TextEncoder's lone surrogates, not us.
const text = fc.string({ unit: fc.constantFrom(...'abc әғқңөұүһі жд ЖД\n'), minLength: 1, maxLength: 24 });
const crafted = fc.constantFrom(
  ...[[], [0], [0, 0], [0, 0x80], [0x80], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [1], [1, 5, 1]]
    .concat([[2], [2, 0], [3], [4, 0], [5, 1, 0x7b], [6], [0, 3, 0], [0, 2, 0x80, 0x80], [0, 1, 5, 0, 0], [0, 0, 1]])
    .map((b) => new Uint8Array(b)),
);
const frame = fc.oneof(
  fc.integer({ min: 64 * 1024, max: 1024 * 1024 }),
  fc.integer({ min: FRAME_LIMIT - 64, max: FRAME_LIMIT }),
  fc.integer({ min: FRAME_LIMIT + 1, max: FRAME_LIMIT + 64 * 1024 }),
);
const state = fc.oneof(
  fc.constant('null'),
  fc
    .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
    .map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 16 }),
);

export const fuzzMessage: fc.Arbitrary<Fuzz> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('edit'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text,
      remove: fc.nat(6),
      step,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('intrude'), text, step }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('truncated'), on: side, text, cut: fc.nat(), step }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('garbage'),
      on: side,
      step: fc.nat(4),
      payload: fc.uint8Array({ maxLength: 256 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('enormous'), on: side, frame, fill: fc.nat(255), step }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('raw'),
      on: side,
      bytes: fc.oneof(crafted, fc.uint8Array({ maxLength: 48 })),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('awarenessGarbage'),
      on: side,
      payload: fc.uint8Array({ maxLength: 128 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('awareness'),
      on: side,
      entries: fc.array(fc.record({ id: fc.nat(), clock: fc.nat(), state }), { maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('text'), on: side, text: fc.string({ maxLength: 64 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('empty'), on: side }) },
);

export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** A frame of exactly `size` bytes: a sync envelope around `fill` repeated (0xff, 0x80: varints that never end). */
export function enormous(size: number, fill: number, step: 1 | 2): Uint8Array {
  // The length's own varint may make the envelope a byte short of `size`: a trailing byte makes it up.
  const frame = new Uint8Array(size).fill(fill);
  const header = syncMessage(step, new Uint8Array(0)).subarray(0, 2);
  const length = encoding.createEncoder();
  let payload = size - 2 - 1;
  for (let bytes = 1; bytes <= 5; bytes++) {
    payload = size - 2 - bytes;
    if (payload < 2 ** (7 * bytes)) break;
  }
  encoding.writeVarUint(length, payload);
  frame.set(header, 0);
  frame.set(encoding.toUint8Array(length), 2);
  return frame;
}

/** An edit's update of a document, made against what it holds now. */
export function edit(doc: Y.Doc, at: number, text: string, remove: number): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const notes = doc.getText('notes');
  doc.transact(() => {
    const index = Math.floor(at * notes.length);
    notes.delete(index, Math.min(remove, notes.length - index));
    notes.insert(index, text);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

export function awarenessMessage(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function awarenessEntries(entries: { id: number; clock: number; state: string }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { id, clock, state } of entries) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  }
  return awarenessMessage(encoding.toUint8Array(e));
}

/**
 * Whether Yjs itself could apply this message as an update. A writer is entitled to send any such update,
 * so the test sends those to the reader instead: only the author's edits may change the document.
 */
export function couldApply(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return false;
    if (![1, 2].includes(decoding.readVarUint(decoder))) return false;
    Y.decodeUpdate(decoding.readVarUint8Array(decoder));
    return true;
  } catch {
    return false;
  }
}
