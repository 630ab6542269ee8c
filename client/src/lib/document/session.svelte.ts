import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_FRAGMENT, YJS_KEY_PROTOCOL_PREFIX, YJS_MESSAGE, YJS_SUBPROTOCOL, type Failure } from '@roundtable/shared';
import { covers } from './saved';
import { UnloadBackup } from './unloadBackup';

/**
 * What the document connection offers as WebSocket subprotocols (see docs/PROTOCOL.md): `roundtable`,
 * which the server answers with, and the secret (base64url, a valid token) as `key.<secret>`.
 */
const documentProtocols = (key: string): string[] => [YJS_SUBPROTOCOL, `${YJS_KEY_PROTOCOL_PREFIX}${key}`];
/** The ProseMirror fragment the server writes the outline into. */
export const FRAGMENT = YJS_FRAGMENT;

/** Refusals that make an editor read-only until the document opens for writing again. */
const FROZEN: ReadonlySet<string> = new Set(['review_frozen', 'final_frozen']);

export type SaveStatus = 'loading' | 'saved' | 'saving' | 'offline' | 'offlineUnsaved' | 'closed';
export type Editor = { clientId: number; name: string; color: string; self: boolean };

/**
 * One outcome document on this device: the Y.Doc, its copy in IndexedDB (so writing survives
 * going offline and reloading), and its connection to the server. The status never lies: "saved"
 * only when the server's stored snapshot covers every change this device holds.
 */
export class DocumentSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly #local: IndexeddbPersistence;
  readonly #backup: UnloadBackup;
  #connected = $state(false);
  #loaded = $state(false);
  #unsaved = $state(false);
  #readOnly = $state(false);
  #error = $state<Failure | null>(null);
  /** Why an editor cannot write now (the document is under review, or final); cleared on each new connection. */
  #frozen = $state<Failure | null>(null);
  /** The server ended this connection for good (a revoked link, a removed person): no reconnecting. */
  #closed = $state(false);
  #editors = $state<Editor[]>([]);
  #stored: Y.Snapshot | null = null;
  readonly #mayWrite: () => boolean;

  /**
   * `mayWrite` is what the roundtable's rules say of this key now (can() on the live state): false until the
   * server has told who this is, so nobody types into a document they turn out not to be allowed to change.
   */
  constructor(roundtableId: string, key: string, mayWrite: () => boolean) {
    this.#mayWrite = mayWrite;
    this.#backup = new UnloadBackup(roundtableId, this.doc, () => this.#unsaved);
    this.#backup.restore();
    this.#local = new IndexeddbPersistence(`roundtable-doc-${roundtableId}`, this.doc);
    const origin = location.origin.replace(/^http/, 'ws');
    this.provider = new WebsocketProvider(`${origin}/yjs`, roundtableId, this.doc, {
      // The key rides in a subprotocol, not the URL that proxies log; the provider offers it on every reconnection.
      protocols: documentProtocols(key),
      disableBc: true,
    });
    this.provider.messageHandlers[YJS_MESSAGE.stored] = (_e, decoder) => this.#onStored(decoder);
    this.provider.messageHandlers[YJS_MESSAGE.error] = (_e, decoder) => this.#onError(decoder);
    this.provider.on('status', ({ status }) => {
      this.#connected = status === 'connected';
      // The server says again on each connection whether the document is frozen: a review may have closed.
      if (status === 'connected' && this.#frozen) {
        this.#frozen = null;
        this.#readOnly = false;
      }
    });
    this.provider.on('sync', (synced) => synced && (this.#loaded = true));
    this.provider.on('closed', () => (this.#closed = true));
    this.provider.awareness.on('change', () => this.#readEditors());
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => this.#onUpdate(origin));
    addEventListener('offline', this.#onOffline);
    addEventListener('online', this.#onOnline);
    this.#check(); // what the backup brought back counts as unsaved until the server says otherwise
  }

  // The browser knows the network is gone long before a socket times out: say "Offline" at once.
  #onOffline = () => this.provider.disconnect();
  #onOnline = () => !this.#closed && this.provider.connect();

  get status(): SaveStatus {
    if (this.#closed) return 'closed';
    if (!this.#connected) return this.#unsaved ? 'offlineUnsaved' : this.#loaded ? 'offline' : 'loading';
    if (!this.#loaded) return 'loading';
    return this.#unsaved ? 'saving' : 'saved';
  }
  /** Changes on this device that the server has not confirmed storing. */
  get unsaved(): boolean {
    return this.#unsaved;
  }
  /** The editor takes no typing: the rules do not allow it (yet), or the server refused this connection's changes. */
  get readOnly(): boolean {
    return this.#readOnly || !this.#mayWrite();
  }
  /** The server said this key only reads, for good (not a review's freeze). */
  get reader(): boolean {
    return this.#readOnly && !this.#frozen;
  }
  /** The refusal saying why this editor is read-only for now (`review_frozen`, `final_frozen`), or null. */
  get frozen(): Failure | null {
    return this.#frozen;
  }
  get error(): Failure | null {
    return this.#error;
  }
  /** Who has the document open for writing now (readers send no presence), this device first. */
  get editors(): Editor[] {
    return this.#editors;
  }

  destroy(): void {
    removeEventListener('offline', this.#onOffline);
    removeEventListener('online', this.#onOnline);
    this.#backup.destroy();
    this.provider.destroy();
    void this.#local.destroy();
    this.doc.destroy();
  }

  #onStored(decoder: decoding.Decoder): void {
    this.#stored = Y.decodeSnapshot(decoding.readVarUint8Array(decoder));
    this.#check();
  }

  #discardLocalCopy(): void {
    this.provider.disconnect();
    this.#backup.settled();
    void this.#local.clearData();
  }

  #onError(decoder: decoding.Decoder): void {
    const parsed = JSON.parse(decoding.readVarString(decoder)) as Failure;
    // An editor locked out for a while keeps its presence and its unsaved changes, sent once writing reopens.
    if (FROZEN.has(parsed.reason)) {
      this.#readOnly = true;
      this.#frozen = parsed;
      return;
    }
    if (parsed.reason === 'read_only') {
      this.#readOnly = true;
      // Others should not see a reader as an editor.
      this.provider.awareness.setLocalState(null);
      return;
    }
    // The provider answers the server's sync with an update even when it holds nothing new, and a
    // reader's connection is refused it: nothing to tell someone who already cannot edit.
    if (parsed.reason === 'read_only_change' && this.#readOnly) return;
    // This device's copy predates an erasure: it still holds the erased names, and must not come back.
    if (parsed.reason === 'document_erased' || parsed.reason === 'personal_data_erased') this.#discardLocalCopy();
    this.#error = parsed;
  }

  /**
   * Walking the whole document for a snapshot on every keystroke would cost more as it grows: a local
   * edit is simply unsaved until the server's next stored snapshot (at most 50 ms away) is compared.
   * What the server sent is stored already; what came from this device's copy has to be checked.
   */
  #onUpdate(origin: unknown): void {
    if (origin === this.provider) return;
    if (origin === this.#local) return this.#check();
    // A frozen editor's own changes still count as unsaved.
    if (!this.reader) this.#unsaved = true;
  }

  #check(): void {
    this.#unsaved = !this.reader && !covers(this.#stored, Y.snapshot(this.doc));
    if (this.#stored && !this.#unsaved) this.#backup.settled();
  }

  #readEditors(): void {
    const self = this.doc.clientID;
    const editors: Editor[] = [];
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
      if (typeof user?.name !== 'string' || typeof user.color !== 'string') continue;
      editors.push({ clientId, name: user.name, color: user.color, self: clientId === self });
    }
    this.#editors = editors.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
  }
}
