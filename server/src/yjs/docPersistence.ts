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

/** How long "stored" waits after a flush, so a burst of edits sends it at most every 50 ms. */
const STORED_EVERY_MS = 50;

/**
 * How one document reaches the disk. An update is written before it is visible and on the disk right
 * after: appended (in the OS, which a killed server keeps) before any client sees it; the disk flush
 * starts at the end of this turn of the event loop, covers every update of the turn, and runs off the
 * loop. "Stored" waits for the disk; a long log of updates is compacted into one.
 */
export class DocPersistence {
  private bytes: number;
  private storedCount: number;
  private storedTimer: NodeJS.Timeout | undefined;
  private readonly flushes: FlushSchedule;
  /** Set when a write failed: the disk may lack what memory holds. */
  broken = false;

  constructor(
    private readonly roundtableId: string,
    private readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly limits: DocLimits,
    private readonly log: Logger,
    private readonly events: PersistenceEvents,
  ) {
    this.flushes = new FlushSchedule(
      () => store.flushDocUpdates(),
      () => this.flushed(),
      (error) => this.fail(error),
    );
    const updates = store.loadDocUpdates(roundtableId);
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), DocPersistence.LOAD);
    this.bytes = store.docBytes(roundtableId);
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

  /** Appends one update; false when it could not be written (the copy is then broken). */
  append(update: Uint8Array): boolean {
    try {
      this.store.appendDocUpdate(this.roundtableId, update, Date.now());
    } catch (error) {
      this.fail(error);
      return false;
    }
    this.bytes += update.byteLength;
    this.storedCount += 1;
    this.flushes.appended();
    return true;
  }

  /** Rewrites every stored update as one, encoded once. */
  compact(): void {
    const compacted = Y.encodeStateAsUpdate(this.doc);
    this.store.replaceDocUpdates(this.roundtableId, compacted, Date.now());
    this.bytes = compacted.byteLength;
    this.storedCount = 1;
  }

  /** Still gets what was appended to the disk, but reports nothing more. */
  stop(): void {
    this.flushes.stop();
    clearTimeout(this.storedTimer);
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
