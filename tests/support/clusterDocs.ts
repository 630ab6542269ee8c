/** Reading what PostgreSQL holds of an outcome document, and what a cluster's nodes tell a document client. */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { YJS_MESSAGE } from '@roundtable/shared';
import { sql } from '../../server/test/support/postgres.js';
import type { openDocument } from './documents.js';

/** The stored updates of a document, as PostgreSQL holds them now. */
export async function storedUpdates(dbUrl: string, roundtableId: string): Promise<Buffer[]> {
  const rows = await sql<{ data: Buffer }>(dbUrl, 'SELECT data FROM doc_updates WHERE roundtable_id = $1 ORDER BY id', [
    roundtableId,
  ]);
  return rows.map((r) => r.data);
}

/** The document as PostgreSQL holds it now: every stored update, applied to a fresh copy. */
export async function storedDoc(dbUrl: string, roundtableId: string): Promise<Y.Doc> {
  const updates = await storedUpdates(dbUrl, roundtableId);
  const doc = new Y.Doc();
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, new Uint8Array(u))));
  return doc;
}

type Opened = ReturnType<typeof openDocument>;

/** Calls `seen` with every "stored" snapshot the server sends this client (messages.ts storedMessage). */
export function onStored(opened: Opened, seen: (snapshot: Y.Snapshot) => void): void {
  opened.provider.messageHandlers[YJS_MESSAGE.stored] = (_encoder, decoder) =>
    seen(Y.decodeSnapshot(decoding.readVarUint8Array(decoder)));
}

/** What `want` holds that `have` lacks, by client (state vectors: Y.snapshot(doc).sv); empty when none. */
export function missingFrom(have: Map<number, number>, want: Map<number, number>): Record<number, number> {
  const missing: Record<number, number> = {};
  for (const [client, clock] of want) if ((have.get(client) ?? 0) < clock) missing[client] = clock;
  return missing;
}
