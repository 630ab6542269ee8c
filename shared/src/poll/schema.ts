import { z } from 'zod';
import { Id, optionalText, text, Timestamp } from '../common.js';
import { POLL_LIMITS, POLL_PRESETS, POLL_VOTERS } from './rules.js';

/** One vote: a person's, or their delegation's given by `by`. A later vote by the same voter replaces it. */
export const Ballot = z.object({
  /** The person's id, or the delegation's in a delegation poll. */
  voter: Id,
  by: Id,
  /** The options chosen, by number. */
  choices: z.array(z.number().int().nonnegative()).max(POLL_LIMITS.maxOptions),
  at: Timestamp,
});
export type Ballot = z.infer<typeof Ballot>;

export const Poll = z.object({
  id: Id,
  /** The agenda item it was asked on; null when none was on screen. */
  itemId: Id.nullable(),
  question: optionalText(POLL_LIMITS.question),
  preset: z.enum(POLL_PRESETS),
  /** A preset's option keys (rules.ts PRESET_OPTIONS), or the typed options of a multiple choice. */
  options: z.array(z.string()).min(POLL_LIMITS.minOptions).max(POLL_LIMITS.maxOptions),
  multiple: z.boolean(),
  anonymous: z.boolean(),
  voters: z.enum(POLL_VOTERS),
  openedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  /**
   * Who voted what. No audience sees those of an anonymous poll (view.ts), and closing one erases them:
   * its counts stay, the voters are forgotten.
   */
  ballots: z.array(Ballot),
  /** Votes per option, and how many voters answered: kept with every vote, frozen when it closes. */
  counts: z.array(z.number().int().nonnegative()),
  answered: z.number().int().nonnegative(),
  /** When its result was written into the outcome document's section of its item. */
  recordedAt: Timestamp.nullable(),
});
export type Poll = z.infer<typeof Poll>;

/** What the moderator asks: the options come from the preset, or are typed for a multiple choice. */
export const PollSetup = z
  .object({
    question: optionalText(POLL_LIMITS.question).default(''),
    preset: z.enum(POLL_PRESETS),
    options: z.array(text(POLL_LIMITS.option)).max(POLL_LIMITS.maxOptions).default([]),
    multiple: z.boolean().default(false),
    anonymous: z.boolean().default(false),
    voters: z.enum(POLL_VOTERS).default('person'),
  })
  .strict();
export type PollSetup = z.infer<typeof PollSetup>;
