import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { refusal } from '@roundtable/shared';
import type { Logger } from 'pino';
import type { DocStore } from '../store/docs.js';
import { AwarenessOwners, encodeAwareness, type AwarenessEntry } from './awarenessOwners.js';
import { FlushSchedule } from './flushSchedule.js';
import { decodeInbound, type Inbound } from './inbound.js';
import { MalformedCount } from './malformed.js';
import { awarenessMessage, CLOSE, errorMessage, MESSAGE, storedMessage, syncStep1, syncUpdate } from './messages.js';

/** One open connection to a document; `readOnly` is decided once, by can(), at the upgrade. */
export interface DocConnection {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  readOnly: boolean;
  /** Who it is, so a role change or removal can close it: `p:<id>` or `l:<id>`. */
  who: string;
}

export interface DocLimits {
  maxDocBytes: number;
  /** Stored updates after which the document is rewritten as one. */
  compactAfter: number;
}

/** What the document keeps about one of its connections. */
interface Peer {
  malformed: MalformedCount;
  /** Closed for sending malformed messages: whatever else it sends is not read. */
  closed: boolean;
}

/**
 * A roundtable's outcome document in memory. Every update a writer sends is checked, applied,
 * appended to the store, relayed, and flushed to the disk without blocking the event loop; read-only
 * connections' updates go nowhere.
 */
export class SharedDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<DocConnection, Peer>();
  private readonly owners: AwarenessOwners<DocConnection>;
  private bytes: number;
  private storedCount: number;
  private storedTimer: NodeJS.Timeout | undefined;
  private readonly flushes: FlushSchedule;
  /** Set when a write failed: the manager drops this copy and reloads from disk. */
  broken = false;

  constructor(
    readonly roundtableId: string,
    private readonly store: DocStore,
    private readonly limits: DocLimits,
    private readonly log: Logger,
  ) {
    this.flushes = new FlushSchedule(
      () => store.flushDocUpdates(),
      () => this.flushed(),
      (error) => this.fail(error),
    );
    const updates = store.loadDocUpdates(roundtableId);
    Y.transact(this.doc, () => updates.forEach((u) => Y.applyUpdate(this.doc, u)), 'load');
    this.bytes = store.docBytes(roundtableId);
    this.storedCount = updates.length;
    if (this.storedCount > limits.compactAfter) this.compact();
    this.awareness.setLocalState(null);
    this.owners = new AwarenessOwners(this.awareness.clientID);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.persistAndRelay(update, origin));
    this.awareness.on('update', (change: AwarenessChange) => this.relayAwareness(change));
  }

  /** Loads every stored update into one document and stores it encoded once. */
  compact(): void {
    const compacted = Y.encodeStateAsUpdate(this.doc);
    this.store.replaceDocUpdates(this.roundtableId, compacted, Date.now());
    this.bytes = compacted.byteLength;
    this.storedCount = 1;
  }

  get isEmpty(): boolean {
    return this.connections.size === 0;
  }

  add(conn: DocConnection): void {
    this.connections.set(conn, { malformed: new MalformedCount(), closed: false });
    conn.send(syncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    // With a flush due, what memory holds is not all on the disk yet; the flush's "stored" follows.
    if (this.flushes.settled) conn.send(storedMessage(this.doc));
    if (conn.readOnly) conn.send(errorMessage(refusal('read_only')));
  }

  remove(conn: DocConnection): void {
    this.connections.delete(conn);
    const owned = this.owners.release(conn).filter((id) => this.awareness.getStates().has(id));
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
  }

  /** Handles one binary message; anything malformed is refused without touching the document. */
  receive(conn: DocConnection, data: Uint8Array): void {
    const peer = this.connections.get(conn);
    if (!peer || peer.closed) return;
    let message: Inbound;
    try {
      message = decodeInbound(data, conn.readOnly);
    } catch (error) {
      return this.refuse(conn, error instanceof Error ? error.message : String(error));
    }
    try {
      this.handle(conn, message);
    } catch (error) {
      // It decoded, yet Yjs could not take it: worth a stack trace, still the sender's fault.
      this.refuse(conn, error instanceof Error ? error.message : String(error), error);
    }
  }

  /**
   * Counts a malformed message against its connection: logged once per connection (briefly: who,
   * where, what), answered for the first few of a window, and the connection closed at the limit.
   */
  refuse(conn: DocConnection, reason: string, unexpected?: unknown): void {
    const peer = this.connections.get(conn);
    if (!peer || peer.closed) return;
    if (!peer.malformed.logged) {
      peer.malformed.logged = true;
      const fields = { who: conn.who, roundtableId: this.roundtableId, error: reason };
      this.log.warn(unexpected === undefined ? fields : { ...fields, err: unexpected }, 'malformed document message');
    }
    const verdict = peer.malformed.record();
    if (verdict === 'answer') {
      conn.send(errorMessage(refusal('malformed_update', { details: reason.slice(0, 200) })));
    } else if (verdict === 'close') {
      peer.closed = true;
      conn.close(CLOSE.malformed, 'Too many malformed messages; this connection was closed.');
    }
  }

  private handle(conn: DocConnection, message: Inbound): void {
    if (message.kind === 'syncStep1') {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE.sync);
      syncProtocol.writeSyncStep2(e, this.doc, message.stateVector);
      return conn.send(encoding.toUint8Array(e));
    }
    if (message.kind === 'update') return this.receiveUpdate(conn, message.update);
    if (message.kind === 'awareness') return this.receiveAwareness(conn, message.entries);
    const states = [...this.awareness.getStates().keys()];
    conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  private receiveUpdate(conn: DocConnection, update: Uint8Array): void {
    if (conn.readOnly) return conn.send(errorMessage(refusal('read_only_change')));
    if (this.bytes + update.byteLength > this.limits.maxDocBytes) {
      return conn.send(errorMessage(refusal('document_full', { mb: Math.round(this.limits.maxDocBytes / 1048576) })));
    }
    Y.applyUpdate(this.doc, update, conn); // decoded in full already: a malformed one never gets here
  }

  /** Entries naming a client id another connection owns are dropped; this connection's own still apply. */
  private receiveAwareness(conn: DocConnection, entries: AwarenessEntry[]): void {
    // Read-only viewers stay invisible: their presence is neither applied nor relayed.
    if (conn.readOnly) return;
    const allowed = this.owners.allowed(conn, entries);
    if (allowed.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwareness(allowed), conn);
  }

  /**
   * Written before it is visible, on the disk right after: the update is in the OS (a killed server
   * keeps it) before any other client sees it; the disk flush starts at the end of this turn of the
   * event loop, covers every update of the turn, and runs off the loop. "Stored" waits for the disk.
   */
  private persistAndRelay(update: Uint8Array, origin: unknown): void {
    if (origin === 'load') return;
    try {
      this.store.appendDocUpdate(this.roundtableId, update, Date.now());
    } catch (error) {
      return this.fail(error);
    }
    this.bytes += update.byteLength;
    this.storedCount += 1;
    const message = syncUpdate(update);
    for (const conn of this.connections.keys()) conn.send(message);
    this.flushes.appended();
  }

  /** Everything this copy holds is on the disk. */
  private flushed(): void {
    if (this.broken) return;
    this.scheduleStored();
    if (this.storedCount > this.limits.compactAfter) this.compact();
  }

  /** The disk may now lack what memory holds: drop this copy; clients resend their changes on reconnect. */
  private fail(error: unknown): void {
    this.log.error({ err: error, roundtableId: this.roundtableId }, 'document update could not be stored');
    this.broken = true;
    for (const conn of this.connections.keys())
      conn.close(CLOSE.internal, 'The change could not be saved; reconnecting.');
  }

  /** Tells every client what is stored, at most every 50 ms under a burst of edits. */
  private scheduleStored(): void {
    if (this.storedTimer) return;
    this.storedTimer = setTimeout(() => {
      this.storedTimer = undefined;
      // Not all on the disk yet: the flush that gets it there schedules this again.
      if (!this.flushes.settled || this.broken) return;
      const message = storedMessage(this.doc);
      for (const conn of this.connections.keys()) conn.send(message);
    }, 50);
  }

  private relayAwareness({ added, updated, removed }: AwarenessChange): void {
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections.keys()) conn.send(message);
  }

  destroy(): void {
    this.flushes.stop();
    clearTimeout(this.storedTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
