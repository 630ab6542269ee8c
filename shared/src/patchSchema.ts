import { z } from 'zod';
import { Id } from './common.js';
import type { Diff as DiffType } from './diff.js';

// Apart from diff.ts and statePatch.ts, which phones load: they need the functions, not zod.

export type Diff = DiffType;
export const Diff: z.ZodType<Diff> = z.lazy(() =>
  z.union([
    z.object({ set: z.unknown() }).strict(),
    z.object({ keys: z.record(z.string(), Diff), drop: z.array(z.string()).optional() }).strict(),
    z
      .object({
        items: z.record(z.string(), Diff),
        drop: z.array(z.string()).optional(),
        add: z.array(z.string()).optional(),
        ids: z.array(z.string()).optional(),
      })
      .strict(),
  ]),
);

/**
 * A new version of the state as the difference from the version the room held before: what the
 * server broadcasts after the first full `state`. It applies only to exactly version `from`; a
 * client holding anything else asks for the whole state (`sync`) and never guesses.
 */
export const StatePatch = z.object({
  id: Id,
  from: z.number().int().nonnegative(),
  version: z.number().int().positive(),
  diff: Diff,
});
export type StatePatch = z.infer<typeof StatePatch>;
