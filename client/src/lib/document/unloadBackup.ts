import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/**
 * IndexedDB writes still in flight when a page unloads can be lost: the last keystrokes before a
 * reload or a closed tab. So on `pagehide`, while changes are unsaved, the document also goes to
 * localStorage, which writes synchronously; it is merged back on the next load (Yjs merges are
 * idempotent) and dropped once the server has stored everything.
 */
export class UnloadBackup {
  readonly #key: string;
  readonly #doc: Y.Doc;
  readonly #unsaved: () => boolean;

  constructor(roundtableId: string, doc: Y.Doc, unsaved: () => boolean) {
    this.#key = `roundtable.doc.unsaved.${roundtableId}`;
    this.#doc = doc;
    this.#unsaved = unsaved;
    addEventListener('pagehide', this.#onPageHide);
  }

  restore(): void {
    const saved = localStorage.getItem(this.#key);
    if (!saved) return;
    try {
      Y.applyUpdate(this.#doc, fromBase64(saved), this);
    } catch {
      localStorage.removeItem(this.#key); // unreadable: IndexedDB and the server still hold the rest
    }
  }

  /** The server has stored every change on this device: nothing left to keep. */
  settled(): void {
    localStorage.removeItem(this.#key);
  }

  destroy(): void {
    removeEventListener('pagehide', this.#onPageHide);
  }

  #onPageHide = () => {
    if (!this.#unsaved()) return;
    try {
      localStorage.setItem(this.#key, toBase64(Y.encodeStateAsUpdate(this.#doc)));
    } catch {
      // Over the storage quota: IndexedDB's copy is all there is.
    }
  };
}
