import { z } from 'zod';
import { Id, Timestamp } from '../common.js';
import { ORDERING_POLICIES, SPEECH_KINDS } from '../kinds.js';

export const SpeechKind = z.enum(SPEECH_KINDS);
export type SpeechKind = z.infer<typeof SpeechKind>;

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

export const Pause = z.object({ start: Timestamp, end: Timestamp.nullable() });

/** Who has the floor now, with server timestamps; clients compute the clock from these. */
export const Floor = z.object({
  speechId: Id,
  participantId: Id,
  kind: SpeechKind,
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
  kind: SpeechKind,
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
