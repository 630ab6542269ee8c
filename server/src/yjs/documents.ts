import * as Y from 'yjs';
import { isFrozen, YJS_CLOSE, type DomainEvent, type Failure, type RoundtableState } from '@roundtable/shared';
import type { Logger } from 'pino';
import type { Roundtables } from '../roundtables.js';
import type { SessionEffects } from '../session/effects.js';
import type { Store } from '../store/store.js';
import { addMissingSections, writeOutline } from './outline.js';
import { writePollResults } from './pollRecord.js';
import { closeWith } from './admission.js';
import type { Cluster } from '../cluster/cluster.js';
import { SharedDoc, type DocConnection, type DocElsewhere, type DocLimits } from './sharedDoc.js';
import { readStoredDoc } from './docPersistence.js';

/** The open outcome documents; a document stays in memory while someone has it open. */
export class Documents {
  private readonly open = new Map<string, SharedDoc>();
  /** Documents being read from the store: a second caller waits for the same copy. */
  private readonly opening = new Map<string, Promise<SharedDoc>>();

  /** Updates from other nodes for documents being read from the store: applied once the copy is there. */
  private readonly early = new Map<string, Uint8Array[]>();

  constructor(
    private readonly store: Store,
    private readonly roundtables: Roundtables,
    private readonly limits: DocLimits,
    private readonly log: Logger,
    private readonly cluster?: Cluster,
  ) {
    cluster?.on('docUpdate', ({ roundtableId, update }) => {
      const early = this.early.get(roundtableId);
      if (early) early.push(update);
      else this.open.get(roundtableId)?.receiveStored(update);
    });
    cluster?.on('awareness', ({ roundtableId, update }) => this.open.get(roundtableId)?.receiveRemoteAwareness(update));
    cluster?.on('docReset', ({ roundtableId, failure }) => this.drop(roundtableId, failure));
  }

  /**
   * Brings every open copy up to what the store holds (Redis was lost, so other nodes' updates may have
   * gone by): Yjs takes each update once, so the ones already applied change nothing.
   */
  async reloadAll(): Promise<void> {
    for (const [roundtableId, shared] of this.open) {
      for (const update of await this.store.loadDocUpdates(roundtableId)) shared.receiveStored(update);
    }
  }

  /** A copy with whatever other nodes stored and this one has not received yet: for a snapshot that must be whole. */
  async current(roundtableId: string): Promise<SharedDoc> {
    const shared = await this.get(roundtableId);
    if (!this.cluster?.shared) return shared;
    for (const update of await this.store.loadDocUpdates(roundtableId)) shared.receiveStored(update);
    return shared;
  }

  /** A new agenda item gets its section in the document, open or not. */
  agendaChanged(state: RoundtableState, events: readonly DomainEvent[]): Promise<void> | undefined {
    // A frozen document stays as the delegations read it; reopened, it gets what was added meanwhile.
    if (isFrozen(state.review)) return;
    const kinds = new Set(['agenda.itemAdded', 'agenda.imported', 'review.reopened']);
    if (events.some((e) => kinds.has(e.type))) {
      return this.withDoc(state.id, (doc) => addMissingSections(doc, state));
    }
  }

  /** A poll's result, recorded by a moderator or a rapporteur, goes into its item's section. */
  pollsRecorded(state: RoundtableState, events: readonly DomainEvent[]): Promise<void> | undefined {
    const ids = events.flatMap((e) => (e.type === 'poll.recorded' ? [e.pollId] : []));
    if (ids.length > 0) return this.withDoc(state.id, (doc) => writePollResults(doc, state, ids));
  }

  /** The document, loaded from the store, with its outline written the first time it is opened. */
  get(roundtableId: string): Promise<SharedDoc> {
    const existing = this.open.get(roundtableId);
    if (existing && !existing.broken) return Promise.resolve(existing);
    const pending = this.opening.get(roundtableId);
    if (pending) return pending;
    const loading = this.load(roundtableId).finally(() => this.opening.delete(roundtableId));
    this.opening.set(roundtableId, loading);
    return loading;
  }

  private async load(roundtableId: string): Promise<SharedDoc> {
    if (this.cluster?.shared) this.early.set(roundtableId, []);
    try {
      const [stored, state] = await Promise.all([
        readStoredDoc(this.store, roundtableId),
        this.roundtables.get(roundtableId),
      ]);
      const shared = new SharedDoc(
        roundtableId,
        this.store,
        this.limits,
        this.log,
        stored,
        this.elsewhere(roundtableId),
      );
      for (const update of this.early.get(roundtableId) ?? []) shared.receiveStored(update);
      if (state) Y.transact(shared.doc, () => writeOutline(shared.doc, state), 'server');
      this.open.set(roundtableId, shared);
      return shared;
    } finally {
      this.early.delete(roundtableId);
    }
  }

  private elsewhere(roundtableId: string): DocElsewhere | undefined {
    const { cluster } = this;
    if (!cluster?.shared) return undefined;
    return {
      update: (update) => cluster.tell('docUpdate', { roundtableId, update }),
      awareness: (update) => cluster.tell('awareness', { roundtableId, update }),
    };
  }

  async connect(roundtableId: string, conn: DocConnection): Promise<SharedDoc> {
    const shared = await this.get(roundtableId);
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

  /**
   * Carries out, on open document connections, what sessionEffects() decided (session/effects.ts):
   * rights are decided when a connection opens, so an ended session is closed for good and a changed
   * one closed to reconnect with its new rights.
   */
  carry(roundtableId: string, { end, reconnectDocument }: SessionEffects): void {
    const shared = this.open.get(roundtableId);
    if (!shared) return;
    for (const conn of [...shared.connections.keys()]) {
      const ended = end.find((e) => e.room === conn.who);
      if (ended) closeWith(conn, ended.failure);
      const reconnect = reconnectDocument.find((r) => r.room === null || r.room === conn.who);
      if (!ended && reconnect) conn.close(YJS_CLOSE.reconnect, reconnect.message);
    }
  }

  /** Edits a stored document even when nobody has it open (e.g. a section for a new agenda item). */
  private async withDoc(roundtableId: string, edit: (doc: Y.Doc) => void): Promise<void> {
    const shared = await this.get(roundtableId);
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

  /** The roundtable left memory (archived, deleted): its editors are told why and its document is dropped. */
  closeRoundtable(roundtableId: string, failure: Failure): void {
    const shared = this.open.get(roundtableId);
    if (!shared) return;
    for (const conn of [...shared.connections.keys()]) closeWith(conn, failure);
    this.disconnectIdle(shared);
  }

  isOpen(roundtableId: string): boolean {
    return this.open.has(roundtableId) || this.opening.has(roundtableId);
  }

  /** The stored document is about to be rewritten whole: every copy, on every node, is dropped and its editors closed. */
  reset(roundtableId: string, failure: Failure): void {
    this.drop(roundtableId, failure);
    this.cluster?.tell('docReset', { roundtableId, failure });
  }

  /** Closes a copy about to be rewritten: its writes still queued would land after the rewrite, so they never do. */
  private drop(roundtableId: string, failure: Failure): void {
    const shared = this.open.get(roundtableId);
    if (!shared) return;
    for (const conn of [...shared.connections.keys()]) closeWith(conn, failure);
    this.open.delete(roundtableId);
    shared.discard();
  }

  closeAll(): void {
    for (const shared of this.open.values()) {
      for (const conn of shared.connections.keys()) conn.close(1001, 'Server shutting down');
      shared.destroy();
    }
    this.open.clear();
  }
}
