import { z } from 'zod';
import { Id, LIMITS, Timestamp, optionalText } from './common.js';
import { ORDERING_POLICIES, REQUEST_TYPES, SPEECH_TYPES } from './kinds.js';

export const RequestType = z.enum(REQUEST_TYPES);
export type RequestType = z.infer<typeof RequestType>;

export const SpeechType = z.enum(SPEECH_TYPES);
export type SpeechType = z.infer<typeof SpeechType>;

/** Speaking limits in seconds per type. */
export const SpeakingLimits = z
  .object({
    speech: z.number().int().min(10).max(3600),
    reply: z.number().int().min(10).max(3600),
    point_of_order: z.number().int().min(10).max(3600),
    question: z.number().int().min(10).max(3600),
    opening: z.number().int().min(10).max(3600),
  })
  .strict();
export type SpeakingLimits = z.infer<typeof SpeakingLimits>;

export const DEFAULT_LIMITS: SpeakingLimits = {
  speech: 180,
  reply: 60,
  point_of_order: 60,
  question: 60,
  opening: 420,
};

export const OrderingPolicy = z.enum(ORDERING_POLICIES);
export type OrderingPolicy = z.infer<typeof OrderingPolicy>;

export const FloorSettings = z
  .object({
    speakingLimits: SpeakingLimits,
    /** Seconds before the end when the clock warns. */
    warningSeconds: z.number().int().min(0).max(600),
    orderingPolicy: OrderingPolicy,
  })
  .strict();
export type FloorSettings = z.infer<typeof FloorSettings>;

export const DEFAULT_FLOOR_SETTINGS: FloorSettings = {
  speakingLimits: DEFAULT_LIMITS,
  warningSeconds: 30,
  orderingPolicy: 'fifo',
};

/** A waiting ask for the floor. */
export const SpeakerRequest = z.object({
  id: Id,
  participantId: Id,
  type: SpeechType,
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

export const Pause = z.object({ start: Timestamp, end: Timestamp.nullable() });

/** Who has the floor now, with server timestamps; clients compute the clock from these. */
export const Floor = z.object({
  speechId: Id,
  participantId: Id,
  type: SpeechType,
  topic: z.string(),
  itemId: Id.nullable(),
  startedAt: Timestamp,
  limitMs: z.number().int().nonnegative(),
  extendedMs: z.number().int().nonnegative(),
  pauses: z.array(Pause),
});
export type Floor = z.infer<typeof Floor>;

/** A finished speech in the speech log. */
export const Speech = z.object({
  id: Id,
  participantId: Id,
  delegationId: Id.nullable(),
  language: z.string(),
  itemId: Id.nullable(),
  type: SpeechType,
  topic: z.string(),
  start: Timestamp,
  end: Timestamp,
  pauses: z.array(z.object({ start: Timestamp, end: Timestamp })),
  durationMs: z.number().int().nonnegative(),
  /**
   * The limit it had when it ended, the moderator's extensions included: what "over time" is measured
   * against. Absent in speeches stored before it was kept (`speechLimitMs()` falls back to the settings).
   */
  limitMs: z.number().int().nonnegative().optional(),
});
export type Speech = z.infer<typeof Speech>;

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
