import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../store/docs.js';
import { FlushSchedule } from './flushSchedule.js';
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

/**
 * A roundtable's outcome document in memory. Every update a writer sends is checked, applied,
 * appended to the store, relayed, and flushed to the disk without blocking the event loop; read-only
 * connections' updates go nowhere.
 */
export class SharedDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Map<DocConnection, Set<number>>();
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
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.persistAndRelay(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.relayAwareness(change, origin));
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
    this.connections.set(conn, new Set());
    conn.send(syncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    // With a flush due, what memory holds is not all on the disk yet; the flush's "stored" follows.
    if (this.flushes.settled) conn.send(storedMessage(this.doc));
    if (conn.readOnly)
      conn.send(errorMessage('read_only', 'You can read this document; only moderators and rapporteurs edit it.'));
  }

  remove(conn: DocConnection): void {
    const clients = this.connections.get(conn);
    this.connections.delete(conn);
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
  }

  /** Handles one binary message; anything malformed is refused without touching the document. */
  receive(conn: DocConnection, data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE.sync) return this.receiveSync(conn, decoder);
      if (type === MESSAGE.awareness) return this.receiveAwareness(conn, decoding.readVarUint8Array(decoder));
      if (type === MESSAGE.queryAwareness) {
        const states = [...this.awareness.getStates().keys()];
        return conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
      }
      conn.send(errorMessage('invalid', `Unknown message type ${type}.`));
    } catch (error) {
      this.log.warn({ err: error, roundtableId: this.roundtableId }, 'malformed document message');
      conn.send(errorMessage('invalid', 'A malformed message was refused; nothing was changed.'));
    }
  }

  private receiveSync(conn: DocConnection, decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE.sync);
      syncProtocol.writeSyncStep2(e, this.doc, decoding.readVarUint8Array(decoder));
      return conn.send(encoding.toUint8Array(e));
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      return conn.send(errorMessage('invalid', `Unknown sync message ${kind}.`));
    }
    const update = decoding.readVarUint8Array(decoder);
    if (conn.readOnly)
      return conn.send(errorMessage('read_only', 'You can read this document; your changes are not saved.'));
    if (this.bytes + update.byteLength > this.limits.maxDocBytes) {
      return conn.send(
        errorMessage(
          'limit',
          `The document has reached its size limit (${Math.round(this.limits.maxDocBytes / 1048576)} MB); this change was not saved.`,
        ),
      );
    }
    Y.decodeUpdate(update); // throws on a malformed update before anything is applied
    Y.applyUpdate(this.doc, update, conn);
  }

  private receiveAwareness(conn: DocConnection, update: Uint8Array): void {
    // Read-only viewers stay invisible: their presence is neither applied nor relayed.
    if (conn.readOnly) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
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

  private relayAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    const owner = this.connections.get(origin as DocConnection);
    if (owner) {
      added.forEach((id) => owner.add(id));
      removed.forEach((id) => owner.delete(id));
    }
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
