import { refusal, type Credential, type Failure } from '@roundtable/shared';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

const WINDOW_SECONDS = 10;
/** Moderators and rapporteurs drive the room with shortcuts; a phone needs a few commands a minute. */
const LINK_FACTOR = 10;

/**
 * Commands per person (a participant's device or a link) per 10 seconds, whatever the transport:
 * each accepted command is a broadcast to every phone, so one phone sending a hundred a second would
 * be felt by the whole room. The limiter's store is in memory; a cluster swaps in its Redis one.
 */
export class CommandRate {
  private readonly people: RateLimiterMemory;
  private readonly links: RateLimiterMemory;

  constructor(perPerson: number) {
    this.people = new RateLimiterMemory({ points: perPerson, duration: WINDOW_SECONDS });
    this.links = new RateLimiterMemory({ points: perPerson * LINK_FACTOR, duration: WINDOW_SECONDS });
  }

  /** Counts one command; a refusal says how long to wait. */
  async admit(roundtableId: string, credential: Credential): Promise<Failure | undefined> {
    const [limiter, key] =
      credential.kind === 'link'
        ? [this.links, `${roundtableId}:l:${credential.linkId}`]
        : [this.people, `${roundtableId}:p:${credential.participantId}`];
    try {
      await limiter.consume(key);
      return undefined;
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      const seconds = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
      return refusal('rate_limited_commands', { max: limiter.points, window: WINDOW_SECONDS, seconds });
    }
  }
}
