import { refusal, YJS_CLOSE, type Reason } from '@roundtable/shared';
import type { Logger } from 'pino';
import { decodeInbound, type Inbound } from './inbound.js';
import { MalformedCount } from './malformed.js';
import { errorMessage } from './messages.js';

export type FrozenReason = Extract<Reason, 'review_frozen' | 'final_frozen' | 'roundtable_ended'>;

/** One open connection to a document; `readOnly` is decided once, by can(), at the upgrade. */
export interface DocConnection {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  readOnly: boolean;
  /** Why someone who edits is read-only now: the document is under review, or final (its refusal reason). */
  frozen?: FrozenReason | null;
  /** Its session's own room (session/rooms.ts), so a role change or removal can close it. */
  who: string;
}

/** What the document keeps about one of its connections. */
interface Peer {
  malformed: MalformedCount;
  /** Closed for sending malformed messages: whatever else it sends is not read. */
  closed: boolean;
}

/**
 * A document's connections and what they may send: a message is decoded in full before anything
 * acts on it, and what is malformed is counted against its connection, never applied.
 */
export class DocPeers {
  readonly connections = new Map<DocConnection, Peer>();

  constructor(
    private readonly roundtableId: string,
    private readonly log: Logger,
  ) {}

  add(conn: DocConnection): void {
    this.connections.set(conn, { malformed: new MalformedCount(), closed: false });
  }

  remove(conn: DocConnection): void {
    this.connections.delete(conn);
  }

  /** Sends one message to every connection. */
  relay(message: Uint8Array): void {
    for (const conn of this.connections.keys()) conn.send(message);
  }

  /** Decodes one binary message of an open connection; undefined when there is nothing to act on. */
  read(conn: DocConnection, data: Uint8Array): Inbound | undefined {
    const peer = this.connections.get(conn);
    if (!peer || peer.closed) return undefined;
    try {
      return decodeInbound(data, conn.readOnly);
    } catch (error) {
      this.refuse(conn, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  /**
   * Counts a malformed message against its connection: logged once per connection (briefly: who,
   * where, what), answered for the first few of a window, and the connection closed at the limit.
   */
  refuse(conn: DocConnection, reason: string, unexpected?: unknown): void {
    const peer = this.connections.get(conn);
    if (!peer || peer.closed) return;
    if (!peer.malformed.logged) {
      peer.malformed.logged = true;
      const fields = { who: conn.who, roundtableId: this.roundtableId, error: reason };
      this.log.warn(unexpected === undefined ? fields : { ...fields, err: unexpected }, 'malformed document message');
    }
    const verdict = peer.malformed.record();
    if (verdict === 'answer') {
      conn.send(errorMessage(refusal('malformed_update', { details: reason.slice(0, 200) })));
    } else if (verdict === 'close') {
      peer.closed = true;
      conn.close(YJS_CLOSE.malformed, 'Too many malformed messages; this connection was closed.');
    }
  }
}
