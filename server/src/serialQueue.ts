/**
 * Runs the tasks given for one key one after another, in the order they were given, and tasks of
 * different keys side by side. A command waits for the store between reading the state and writing
 * the next one; without this, two commands of one roundtable would both start from the same version.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Whether a task of `key` is running or waiting. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    // The tail never rejects (a failed task must not stop the ones after it) and is dropped once idle.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
