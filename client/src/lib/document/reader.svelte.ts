import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_FRAGMENT, YJS_KEY_PROTOCOL_PREFIX, YJS_MESSAGE, YJS_SUBPROTOCOL } from '@roundtable/shared';

/**
 * The outcome document, live and read-only, for the pages that only show it (phones once published or
 * under review, the projector). Not DocumentSession: that brings the editor's IndexedDB copy and "Saved"
 * logic into the phone's chunk, which a reader never needs.
 */
export class DocumentReader {
  readonly #doc = new Y.Doc();
  readonly #provider: WebsocketProvider;
  readonly fragment: Y.XmlFragment = this.#doc.getXmlFragment(YJS_FRAGMENT);
  #synced = $state(false);

  /** `changed` runs once the document is here and after every change to it. */
  constructor(roundtableId: string, token: string, changed: (fragment: Y.XmlFragment) => void) {
    const origin = location.origin.replace(/^http/, 'ws');
    // The key rides in a subprotocol, never in the URL (docs/PROTOCOL.md).
    this.#provider = new WebsocketProvider(`${origin}/yjs`, roundtableId, this.#doc, {
      protocols: [YJS_SUBPROTOCOL, `${YJS_KEY_PROTOCOL_PREFIX}${token}`],
      disableBc: true,
    });
    // Our server's own messages (what is stored, errors) mean nothing to a reader.
    this.#provider.messageHandlers[YJS_MESSAGE.stored] = () => undefined;
    this.#provider.messageHandlers[YJS_MESSAGE.error] = () => undefined;
    this.fragment.observeDeep(() => changed(this.fragment));
    this.#provider.on('sync', (synced: boolean) => {
      this.#synced = synced;
      changed(this.fragment);
    });
  }

  get synced(): boolean {
    return this.#synced;
  }

  destroy(): void {
    this.#provider.destroy();
    this.#doc.destroy();
  }
}
