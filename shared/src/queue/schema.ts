import { z } from 'zod';
import { Id, LIMITS, Timestamp, optionalText } from '../common.js';
import { REQUEST_KINDS } from '../kinds.js';
import { SpeechKind } from '../floor/schema.js';

export const RequestKind = z.enum(REQUEST_KINDS);
export type RequestKind = z.infer<typeof RequestKind>;

/** A waiting ask for the floor. */
export const SpeakerRequest = z.object({
  id: Id,
  participantId: Id,
  kind: SpeechKind,
  topic: optionalText(LIMITS.topic),
  itemId: Id,
  requestedAt: Timestamp,
  /** A direct reply names the speech it answers: the speech under discussion when it was asked. */
  replyTo: Id.nullable(),
  /**
   * The requests its owner let go first (`queue.yield`): it stands behind every one of them still waiting.
   * Absent until it lets someone pass (most requests never do, and none stored before this could), so
   * asking for the floor costs the phones no extra bytes.
   */
  yieldedTo: z.array(Id).optional(),
});
export type SpeakerRequest = z.infer<typeof SpeakerRequest>;

/** The queue's own state; `manualOrder` is the moderator's arrangement, which wins over the policy. */
export const QueueState = z.object({
  requests: z.array(SpeakerRequest),
  manualOrder: z.array(Id),
  closed: z.boolean(),
  /**
   * The speech under discussion (`discussion.ts`): direct replies to it keep their priority until the floor
   * goes to a new speech. Absent (null) in states stored before it was kept.
   */
  discussed: z.object({ speechId: Id, itemId: Id.nullable() }).nullable().default(null),
  /** The queue as it was before the last moderator queue action, for one-step undo. */
  undo: z
    .object({
      label: z.string(),
      requests: z.array(SpeakerRequest),
      manualOrder: z.array(Id),
      closed: z.boolean(),
      at: Timestamp,
    })
    .nullable(),
});
export type QueueState = z.infer<typeof QueueState>;

export const EMPTY_QUEUE: QueueState = { requests: [], manualOrder: [], closed: false, discussed: null, undo: null };
