/** A named version of the outcome document ("Draft for delegations' review"). */
export interface DocVersionInfo {
  id: string;
  name: string;
  createdAt: number;
  createdBy: string;
}

/**
 * Where the outcome documents live: every accepted Yjs update is appended before it is relayed and
 * flushed to the disk right after; compaction replaces a document's updates with one, in one transaction.
 */
export interface DocStore {
  /**
   * Resolves once a killed process would not lose it: in the OS for SQLite, without waiting for the disk
   * (flushDocUpdates does), committed for PostgreSQL. Updates appended one after another are kept in order.
   */
  appendDocUpdate(roundtableId: string, update: Uint8Array, at: number): Promise<void>;
  /** Resolves once every update appended before the call would survive a power cut; never blocks the loop. */
  flushDocUpdates(): Promise<void>;
  loadDocUpdates(roundtableId: string): Promise<Uint8Array[]>;
  docBytes(roundtableId: string): Promise<number>;
  /** Replaces every stored update with one (an erasure's rewrite): what another node appends meanwhile is lost. */
  replaceDocUpdates(roundtableId: string, compacted: Uint8Array, at: number): Promise<void>;
  /**
   * Replaces the updates stored now with `merge` of them, in one transaction; an update another node
   * appends meanwhile is kept beside it. So a node compacts without losing what it has not received yet.
   */
  compactDocUpdates(roundtableId: string, merge: (stored: Uint8Array[]) => Uint8Array, at: number): Promise<number>;
  saveDocVersion(roundtableId: string, version: DocVersionInfo, data: Uint8Array): Promise<void>;
  listDocVersions(roundtableId: string): Promise<DocVersionInfo[]>;
  loadDocVersion(roundtableId: string, versionId: string): Promise<Uint8Array | undefined>;
  /** Rewrites a saved version in place, keeping its id and time (an erasure scrubs names from it). */
  replaceDocVersion(roundtableId: string, versionId: string, name: string, data: Uint8Array): Promise<void>;
  /** The Yjs client ids of a document before an erasure rebuilt it: their changes are not taken any more. */
  retireDocClients(roundtableId: string, clients: readonly number[]): Promise<void>;
  retiredDocClients(roundtableId: string): Promise<number[]>;
}
