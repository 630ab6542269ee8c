/**
 * When a document's appended updates reach the disk. Every update appended in one turn of the event
 * loop shares one flush, started at the end of that turn; updates appended while a flush is running
 * get the next one. `onDisk` runs when everything appended so far is on the disk.
 */
export class FlushSchedule {
  #timer: NodeJS.Immediate | undefined;
  /** Appended since the last flush began. */
  #unflushed = false;
  #flushing = false;
  #stopped = false;

  constructor(
    private readonly flushToDisk: () => Promise<void>,
    private readonly onDisk: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  appended(): void {
    this.#unflushed = true;
    this.#timer ??= setImmediate(() => this.#start());
  }

  /** Whether everything appended so far is on the disk. */
  get settled(): boolean {
    return !this.#unflushed && !this.#flushing;
  }

  /** Still gets what was appended to the disk, but reports nothing more (its document is let go). */
  stop(): void {
    this.#stopped = true;
    this.#start();
  }

  #start(): void {
    clearImmediate(this.#timer);
    this.#timer = undefined;
    if (this.#flushing || !this.#unflushed) return;
    this.#flushing = true;
    this.#unflushed = false;
    this.flushToDisk().then(
      () => this.#done(),
      (error: unknown) => {
        this.#flushing = false;
        this.onError(error);
      },
    );
  }

  #done(): void {
    this.#flushing = false;
    if (this.#unflushed) return this.#start();
    if (!this.#stopped) this.onDisk();
  }
}
