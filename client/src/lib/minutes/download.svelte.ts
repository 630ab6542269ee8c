import type { Failure } from '@roundtable/shared';
import { isFailure } from '../api';
import { saveFile } from './exports';

/** A panel's file buttons: which file is on its way (the others wait), and the last refusal to show. */
export class Downloads<F extends string> {
  #busy = $state<F | null>(null);
  #error = $state<Failure | null>(null);

  get busy(): F | null {
    return this.#busy;
  }
  get error(): Failure | null {
    return this.#error;
  }

  /** Fetches `file` and hands it to the browser, as a link the person clicked would. */
  async save(file: F, fetched: () => Promise<{ blob: Blob; filename: string } | Failure>): Promise<void> {
    this.#busy = file;
    const res = await fetched();
    this.#busy = null;
    this.#error = isFailure(res) ? res : null;
    if (!isFailure(res)) saveFile(res);
  }
}
