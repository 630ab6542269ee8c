/**
 * How a document connection that sends what the protocol cannot read is treated. A bug or a hostile
 * client (read-only phones included) would otherwise make the server decode, log and answer every
 * such message for as long as it likes.
 */
export interface MalformedPolicy {
  /** Malformed messages in a window that still get an `invalid` error back. */
  answered: number;
  /** The malformed message in a window that closes the connection (CLOSE.malformed). */
  limit: number;
  windowMs: number;
}

export const MALFORMED: MalformedPolicy = { answered: 3, limit: 10, windowMs: 10_000 };

export type Verdict = 'answer' | 'ignore' | 'close';

/** One connection's count, in fixed windows: a client that stays under the limit costs little. */
export class MalformedCount {
  private count = 0;
  private windowStart = Number.NEGATIVE_INFINITY;
  /** Logged once per connection, however many follow. */
  logged = false;

  constructor(private readonly policy: MalformedPolicy = MALFORMED) {}

  record(now = Date.now()): Verdict {
    if (now - this.windowStart >= this.policy.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    if (this.count >= this.policy.limit) return 'close';
    return this.count <= this.policy.answered ? 'answer' : 'ignore';
  }
}
