import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { refusal, YJS_CLOSE, YJS_MESSAGE } from '@roundtable/shared';
import type { Logger } from 'pino';
import type { DocStore } from '../store/docs.js';
import { AwarenessOwners, encodeAwareness, type AwarenessEntry } from './awarenessOwners.js';
import { DocPersistence, type DocLimits, type StoredDoc } from './docPersistence.js';
import type { Inbound } from './inbound.js';
import { awarenessMessage, errorMessage, storedMessage, syncStep1, syncUpdate } from './messages.js';
import { DocPeers, type DocConnection } from './peers.js';

export type { DocConnection } from './peers.js';
export type { DocLimits } from './docPersistence.js';

/** Where this copy's own changes go for the copies on other nodes (yjs/documents.ts), once stored. */
export interface DocElsewhere {
  update(update: Uint8Array): void;
  awareness(update: Uint8Array): void;
}

/**
 * A roundtable's outcome document in memory, and the relay between its connections: what a writer
 * sends is read in full (peers.ts), applied, stored (docPersistence.ts), then relayed to everyone;
 * read-only connections' changes go nowhere, and their presence is neither applied nor relayed.
 */
export class SharedDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers: DocPeers;
  private readonly owners: AwarenessOwners<DocConnection>;
  private readonly persistence: DocPersistence;
  /** The clients of the document before an erasure rebuilt it (yjs/erasure.ts). */
  private readonly retired: ReadonlySet<number>;

  constructor(
    readonly roundtableId: string,
    store: DocStore,
    limits: DocLimits,
    log: Logger,
    stored: StoredDoc,
    private readonly elsewhere?: DocElsewhere,
  ) {
    this.peers = new DocPeers(roundtableId, log);
    this.retired = new Set(stored.retired);
    this.persistence = new DocPersistence(
      roundtableId,
      this.doc,
      store,
      limits,
      log,
      {
        stored: () => this.peers.relay(storedMessage(this.doc)),
        // The disk may now lack what memory holds: clients resend their changes on reconnecting to a fresh copy.
        failed: () => {
          for (const conn of this.connections.keys())
            conn.close(YJS_CLOSE.internal, 'The change could not be saved; reconnecting.');
        },
      },
      stored,
    );
    this.awareness.setLocalState(null);
    this.owners = new AwarenessOwners(this.awareness.clientID);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.storeAndRelay(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.relayAwareness(change, origin));
  }

  get connections(): ReadonlyMap<DocConnection, unknown> {
    return this.peers.connections;
  }

  /** Set when a write failed: the manager drops this copy and reloads from disk. */
  get broken(): boolean {
    return this.persistence.broken;
  }

  /** Resolves once every update taken so far has been handed to the store and written (or failed). */
  written(): Promise<void> {
    return this.persistence.written();
  }

  get isEmpty(): boolean {
    return this.connections.size === 0;
  }

  add(conn: DocConnection): void {
    this.peers.add(conn);
    conn.send(syncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    // With a flush due, what memory holds is not all on the disk yet; the flush's "stored" follows.
    if (this.persistence.settled) conn.send(storedMessage(this.doc));
    // An editor locked out by a review is told why, so the page can say so rather than "you only read".
    if (conn.readOnly) conn.send(errorMessage(refusal(conn.frozen ?? 'read_only')));
  }

  remove(conn: DocConnection): void {
    this.peers.remove(conn);
    const owned = this.owners.release(conn).filter((id) => this.awareness.getStates().has(id));
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  /** Handles one binary message; anything malformed is refused without touching the document. */
  receive(conn: DocConnection, data: Uint8Array): void {
    const message = this.peers.read(conn, data);
    if (!message) return;
    try {
      this.handle(conn, message);
    } catch (error) {
      // It decoded, yet Yjs could not take it: worth a stack trace, still the sender's fault.
      this.peers.refuse(conn, error instanceof Error ? error.message : String(error), error);
    }
  }

  /** The origin of what another node's copy stored and sent: relayed here, never stored or sent again. */
  static readonly REMOTE = 'remote';

  /** An update another node stored (or this one read back from the store): applied and relayed. */
  receiveStored(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, SharedDoc.REMOTE);
  }

  /** Carets and names of the writers on another node. */
  receiveRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, SharedDoc.REMOTE);
  }

  /** Counts something the protocol cannot read (a text frame) against its connection. */
  refuse(conn: DocConnection, reason: string): void {
    this.peers.refuse(conn, reason);
  }

  private handle(conn: DocConnection, message: Inbound): void {
    if (message.kind === 'syncStep1') {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, YJS_MESSAGE.sync);
      syncProtocol.writeSyncStep2(e, this.doc, message.stateVector);
      return conn.send(encoding.toUint8Array(e));
    }
    if (message.kind === 'update') return this.receiveUpdate(conn, message.update);
    if (message.kind === 'awareness') return this.receiveAwareness(conn, message.entries);
    const states = [...this.awareness.getStates().keys()];
    conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  private receiveUpdate(conn: DocConnection, update: Uint8Array): void {
    if (conn.readOnly) return conn.send(errorMessage(refusal(conn.frozen ?? 'read_only_change')));
    if (!this.persistence.fits(update.byteLength)) {
      const mb = Math.round(this.persistence.maxBytes / 1048576);
      return conn.send(errorMessage(refusal('document_full', { mb })));
    }
    if (this.retired.size > 0 && fromRetired(update, this.retired)) {
      return conn.send(errorMessage(refusal('document_erased')));
    }
    Y.applyUpdate(this.doc, update, conn); // decoded in full already: a malformed one never gets here
  }

  /** Entries naming a client id another connection owns are dropped; this connection's own still apply. */
  private receiveAwareness(conn: DocConnection, entries: AwarenessEntry[]): void {
    if (conn.readOnly) return;
    const allowed = this.owners.allowed(conn, entries);
    if (allowed.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwareness(allowed), conn);
  }

  /** Stored first (docPersistence.ts), then visible: nobody sees an update a killed server would lose. */
  private storeAndRelay(update: Uint8Array, origin: unknown): void {
    if (origin === DocPersistence.LOAD) return;
    if (origin === SharedDoc.REMOTE) {
      this.peers.relay(syncUpdate(update));
      // Stored already: without a "stored" here, editors would see it unsaved until their next own edit.
      return this.persistence.storedElsewhere();
    }
    void this.persistence.append(update).then((stored) => {
      if (!stored) return;
      this.peers.relay(syncUpdate(update));
      this.elsewhere?.update(update);
    });
  }

  private relayAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.peers.relay(awarenessMessage(update));
    // The writers' own, once each: what came from another node is that node's to send.
    if (origin !== SharedDoc.REMOTE) this.elsewhere?.awareness(update);
  }

  /** Dropped because the stored document was rewritten whole: what it has not written yet never is. */
  discard(): void {
    this.persistence.discard();
    this.destroy();
  }

  destroy(): void {
    this.persistence.stop();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Whether an update carries changes made before an erasure: a device's old copy, names and all. */
function fromRetired(update: Uint8Array, retired: ReadonlySet<number>): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.some((s) => retired.has(s.id.client)) || [...ds.clients.keys()].some((c) => retired.has(c));
}
