import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Roundtables } from '../roundtables.js';
import type { Store } from '../store/store.js';
import { addMissingSections, writeOutline } from './outline.js';
import { SharedDoc, type DocConnection, type DocLimits } from './sharedDoc.js';

/** The open outcome documents; a document stays in memory while someone has it open. */
export class Documents {
  private readonly open = new Map<string, SharedDoc>();

  constructor(
    private readonly store: Store,
    private readonly roundtables: Roundtables,
    private readonly limits: DocLimits,
    private readonly log: Logger,
  ) {
    roundtables.onApplied(({ roundtableId, state, events }) => {
      if (events.some((e) => e.type === 'agenda.itemAdded' || e.type === 'agenda.imported')) {
        this.withDoc(roundtableId, (doc) => addMissingSections(doc, state));
      }
    });
  }

  /** The document, loaded from the store, with its outline written the first time it is opened. */
  get(roundtableId: string): SharedDoc {
    const existing = this.open.get(roundtableId);
    if (existing && !existing.broken) return existing;
    const shared = new SharedDoc(roundtableId, this.store, this.limits, this.log);
    const state = this.roundtables.get(roundtableId);
    if (state) Y.transact(shared.doc, () => writeOutline(shared.doc, state), 'server');
    this.open.set(roundtableId, shared);
    return shared;
  }

  connect(roundtableId: string, conn: DocConnection): SharedDoc {
    const shared = this.get(roundtableId);
    shared.add(conn);
    return shared;
  }

  disconnect(shared: SharedDoc, conn: DocConnection): void {
    shared.remove(conn);
    if (shared.isEmpty && this.open.get(shared.roundtableId) === shared) {
      this.open.delete(shared.roundtableId);
      shared.destroy();
    }
  }

  /** Closes the connections of a person or link whose rights changed; they reconnect with the new ones. */
  closeFor(roundtableId: string, who: (w: string) => boolean, code: number, reason: string): void {
    const shared = this.open.get(roundtableId);
    if (!shared) return;
    for (const conn of [...shared.connections.keys()]) if (who(conn.who)) conn.close(code, reason);
  }

  /** Edits a stored document even when nobody has it open (e.g. a section for a new agenda item). */
  private withDoc(roundtableId: string, edit: (doc: Y.Doc) => void): void {
    const shared = this.get(roundtableId);
    Y.transact(shared.doc, () => edit(shared.doc), 'server');
    if (shared.isEmpty) this.disconnectIdle(shared);
  }

  /** Lets go of a document opened without a connection (versions, export) once nobody has it open. */
  release(roundtableId: string): void {
    const shared = this.open.get(roundtableId);
    if (shared?.isEmpty) this.disconnectIdle(shared);
  }

  private disconnectIdle(shared: SharedDoc): void {
    if (this.open.get(shared.roundtableId) === shared) this.open.delete(shared.roundtableId);
    shared.destroy();
  }

  closeAll(): void {
    for (const shared of this.open.values()) {
      for (const conn of shared.connections.keys()) conn.close(1001, 'Server shutting down');
      shared.destroy();
    }
    this.open.clear();
  }
}
