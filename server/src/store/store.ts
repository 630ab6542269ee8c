import type { DocStore } from './docs.js';
import type { OperatorStore } from './operatorStore.js';
import type { Actor, Credential, DomainEvent, RecordedEvent, RoundtableState } from '@roundtable/shared';

/**
 * How often the whole state is written. In between, a commit stores only its difference from the
 * state before (a few hundred bytes) instead of the whole state (330 KB with 2,000 people, written
 * and synced on every command); loading applies at most this many differences to the snapshot.
 */
export const SNAPSHOT_EVERY = 100;

/** A credential to store: the hash of its secret and whom it stands for. */
export interface NewCredential {
  hash: string;
  credential: Credential;
}

/** One accepted command, written atomically: the new state, its events and any new credentials. */
export interface Commit {
  roundtableId: string;
  /** The state the command was applied to; the write fails if the stored version differs. */
  previous: RoundtableState;
  state: RoundtableState;
  events: DomainEvent[];
  /** Who sent it; `secret` for a vote in an anonymous poll, whose sender the log must not name. */
  actor: Actor | { kind: 'secret' };
  at: number;
  credentials?: NewCredential[];
  /** Write the state whole and drop the stored differences before it (they held ballots now erased). */
  compact?: boolean;
  /** The person's one device from now on (a personal invitation taken up): every other device of theirs is signed out. */
  device?: NewCredential & { credential: { kind: 'participant' } };
  /** People whose devices lose their credentials (an invitation re-issued: session/signOut.ts). */
  signOut?: readonly string[];
  /**
   * Personal data erased (docs/PRIVACY.md): every stored event of the roundtable is rewritten through
   * `scrub`, and the devices of `signOut` lose their credentials. The state is then written whole.
   */
  erasure?: { scrub: (event: unknown) => unknown; signOut: readonly string[] };
}

/** A person seen connected while an agenda item ran (realtime/attendance.ts), first at `firstSeen`. */
export interface Attendance {
  itemId: string;
  participantId: string;
  firstSeen: number;
}

/**
 * Where Roundtable keeps everything: SQLite in the process (sqlite.ts) or PostgreSQL shared by several
 * nodes (postgres/). Every write is durable when its promise resolves, so the caller may acknowledge and
 * broadcast right after it. A commit names the version it was applied to: the store is the one point
 * where commands from several nodes are put in order, and refuses one made against an older version.
 */
export interface Store extends DocStore, OperatorStore {
  create(state: RoundtableState, events: DomainEvent[], credentials: NewCredential[]): Promise<void>;
  commit(commit: Commit): Promise<void>;
  load(roundtableId: string): Promise<RoundtableState | undefined>;
  idForJoinCode(code: string): Promise<string | undefined>;
  joinCodeTaken(code: string): Promise<boolean>;
  /** The ids of the roundtables of a series (editions.ts); a roundtable stored before editions is its own series. */
  seriesMembers(seriesId: string): Promise<string[]>;
  findCredential(roundtableId: string, hash: string): Promise<Credential | undefined>;
  /** Whether some device holds the person (their invitation taken up, or the join code), besides `except`. */
  hasDevice(roundtableId: string, participantId: string, except: string): Promise<boolean>;
  events(roundtableId: string, sinceVersion: number, limit: number): Promise<RecordedEvent[]>;
  /** Records each person as present for the item; one already recorded keeps their first sighting. */
  recordAttendance(roundtableId: string, itemId: string, participantIds: readonly string[], at: number): Promise<void>;
  /** Everyone recorded present, for every item, in the order they were first seen. */
  attendance(roundtableId: string): Promise<Attendance[]>;
  /** A random secret of this instance, made on first use and kept; the same for every node on the same store. */
  instanceSecret(name: string): Promise<string>;
  /** Moves everything in the write-ahead log into the database and empties the log (after an erasure). */
  checkpoint(): Promise<void>;
  /** Resolves once the store answers (the readiness check, /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {}

/** The roundtable was archived (on any node) after the command was read: nothing of it is written. */
export class StoreArchivedError extends Error {}
