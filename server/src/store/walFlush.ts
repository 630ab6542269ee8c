import fs from 'node:fs';

/**
 * Flushes SQLite's write-ahead log to the disk on libuv's thread pool, so the event loop never waits
 * for the disk while other writers' edits are relayed. `fdatasync` is per file, not per descriptor:
 * it flushes every frame SQLite wrote into the log before the call. The log's file stays the same
 * while the database is open (SQLite deletes it only when its last connection closes), so one
 * descriptor, opened at the first flush, serves the store's life.
 */
export class WalFlusher {
  #fd: number | undefined;
  #inFlight = 0;
  #closed = false;

  /** `walPath` is undefined for an in-memory database, which has nothing to flush. */
  constructor(private readonly walPath: string | undefined) {}

  /** Resolves once everything written into the log before this call is on the disk. */
  flush(): Promise<void> {
    if (!this.walPath || this.#closed) return Promise.resolve();
    const walPath = this.walPath;
    return new Promise((resolve, reject) => {
      const fd = (this.#fd ??= fs.openSync(walPath, 'r+'));
      this.#inFlight += 1;
      fs.fdatasync(fd, (error) => {
        this.#inFlight -= 1;
        if (this.#closed) this.#release();
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /** Closes the descriptor once no flush is using it (closing earlier could hand its number to another file). */
  close(): void {
    this.#closed = true;
    this.#release();
  }

  #release(): void {
    if (this.#inFlight > 0 || this.#fd === undefined) return;
    fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}
