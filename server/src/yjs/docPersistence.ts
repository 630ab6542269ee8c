import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../store/docs.js';
import { FlushSchedule } from './flushSchedule.js';

export interface DocLimits {
  maxDocBytes: number;
  /** Stored updates after which the document is rewritten as one. */
  compactAfter: number;
}

/** What the relay is told: everything is on the disk (say "stored"), or a write failed (drop this copy). */
export interface PersistenceEvents {
  stored(): void;
  failed(): void;
}

/** What the store holds of one document when it is opened. */
export interface StoredDoc {
  updates: Uint8Array[];
  bytes: number;
  /** The clients of the document before an erasure rebuilt it (yjs/erasure.ts). */
  retired: number[];
}

export async function readStoredDoc(store: DocStore, roundtableId: string): Promise<StoredDoc> {
  const [updates, bytes, retired] = await Promise.all([
    store.loadDocUpdates(roundtableId),
    store.docBytes(roundtableId),
    store.retiredDocClients(roundtableId),
  ]);
  return { updates, bytes, retired };
}

/** How long "stored" waits after a flush, so a burst of edits sends it at most every 50 ms. */
const STORED_EVERY_MS = 50;

/**
 * How one document reaches the disk. An update is written before it is visible and on the disk right
 * after: appended (in the OS, which a killed server keeps, or committed to PostgreSQL) before any client
 * sees it; the disk flush starts at the end of this turn of the event loop, covers every update of the
 * turn, and runs off the loop. "Stored" waits for the disk; a long log of updates is compacted into one.
 * Writes of one document go to the store one after another, so they are stored in the order made.
 */
export class DocPersistence {
  private bytes: number;
  private storedCount: number;
  private storedTimer: NodeJS.Timeout | undefined;
  private readonly flushes: FlushSchedule;
  /** The last write handed to the store; the next one waits for it. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Set when a write failed: the disk may lack what memory holds. */
  broken = false;
  /** Set when the stored document was rewritten elsewhere (an erasure): this copy writes nothing more. */
  private discarded = false;

  constructor(
    private readonly roundtableId: string,
    private readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly limits: DocLimits,
    private readonly log: Logger,
    private readonly events: PersistenceEvents,
    stored: StoredDoc,
  ) {
    this.flushes = new FlushSchedule(
      // Every append made so far is handed to the store first: one still waiting for the one before it
      // would otherwise miss this flush, and "stored" would be said before it is.
      () => this.written().then(() => store.flushDocUpdates()),
      () => this.flushed(),
      (error) => this.fail(error),
    );
    const { updates } = stored;
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), DocPersistence.LOAD);
    this.bytes = stored.bytes;
    this.storedCount = updates.length;
    if (this.storedCount > limits.compactAfter) this.compact();
  }

  /** The origin of the updates read from the disk, which are not written back. */
  static readonly LOAD = 'load';

  /** Whether everything this copy holds is on the disk. */
  get settled(): boolean {
    return this.flushes.settled;
  }

  get maxBytes(): number {
    return this.limits.maxDocBytes;
  }

  /** Whether an update of this size still fits under the document's limit. */
  fits(byteLength: number): boolean {
    return this.bytes + byteLength <= this.limits.maxDocBytes;
  }

  /** Appends one update; resolves false when it could not be written (the copy is then broken). */
  append(update: Uint8Array): Promise<boolean> {
    const at = Date.now();
    this.bytes += update.byteLength;
    this.storedCount += 1;
    const written = this.writes.then(async () => {
      if (this.discarded) return false;
      await this.store.appendDocUpdate(this.roundtableId, update, at);
      return true;
    });
    this.writes = written.catch(() => undefined);
    // Scheduled now, so the flush at the end of this turn covers the append above.
    this.flushes.appended();
    return written.then(
      (stored) => stored,
      (error: unknown) => {
        this.fail(error);
        return false;
      },
    );
  }

  /** Resolves once every write handed to the store so far is done (or failed). */
  written(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  /** Rewrites every stored update as one, encoded once, after the writes before it. */
  compact(): void {
    this.storedCount = 1;
    this.writes = this.writes
      .then(async () => {
        if (this.discarded) return;
        const held = Y.encodeStateAsUpdate(this.doc);
        // What other nodes stored and this copy has not received yet is merged in, not dropped.
        const merge = (stored: Uint8Array[]) => Y.mergeUpdates([...stored, held]);
        this.bytes = await this.store.compactDocUpdates(this.roundtableId, merge, Date.now());
      })
      // The updates stay stored as they were: nothing is lost, the next flush tries again.
      .catch((error: unknown) => {
        this.storedCount = this.limits.compactAfter;
        this.log.error({ err: error, roundtableId: this.roundtableId }, 'document could not be compacted');
      });
  }

  /**
   * The store's copy was rewritten without this one (an erasure, maybe on another node): the writes still
   * queued here would land after the rewrite and bring back what it removed, so they are dropped.
   */
  discard(): void {
    this.discarded = true;
    this.stop();
  }

  /** Still gets what was appended to the disk, but reports nothing more. */
  stop(): void {
    this.flushes.stop();
    clearTimeout(this.storedTimer);
  }

  /** Another node stored an update this copy took: "stored" covers it too, once this copy's own are written. */
  storedElsewhere(): void {
    if (!this.broken) this.scheduleStored();
  }

  private flushed(): void {
    if (this.broken) return;
    this.scheduleStored();
    if (this.storedCount > this.limits.compactAfter) this.compact();
  }

  private fail(error: unknown): void {
    this.log.error({ err: error, roundtableId: this.roundtableId }, 'document update could not be stored');
    this.broken = true;
    this.events.failed();
  }

  private scheduleStored(): void {
    if (this.storedTimer) return;
    this.storedTimer = setTimeout(() => {
      this.storedTimer = undefined;
      // Not all on the disk yet: the flush that gets it there schedules this again.
      if (this.flushes.settled && !this.broken) this.events.stored();
    }, STORED_EVERY_MS);
  }
}
