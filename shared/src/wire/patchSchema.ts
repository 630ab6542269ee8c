import { z } from 'zod';
import type { Diff as DiffType } from './diff.js';
import type { WireNode as WireNodeType } from './wireDiff.js';

// Apart from diff.ts, wireDiff.ts and statePatch.ts, which phones load: they need the functions, not zod.

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

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * One operation of a list diff (wireDiff.ts): the position of an entry that leaves, changes by id, an
 * entry that comes (against its template, whole, or whole by place: shape.ts), the new order.
 */
const ListOp: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.number().int().nonnegative(),
    z.tuple([z.string()], z.string()),
    z.tuple([z.number().int().nonnegative()], z.unknown()),
    z.tuple([z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])]),
    z.record(z.string(), WireNode),
  ]),
);

export type WireNode = WireNodeType;
export const WireNode: z.ZodType<WireNode> = z.lazy(() =>
  z.union([
    Scalar,
    z.tuple([]),
    z.tuple([z.unknown()]),
    z.tuple([z.literal(0), ListOp], ListOp),
    z.tuple([z.literal(1), z.number().int().nonnegative()], WireNode),
    z.record(z.string(), WireNode),
  ]),
) as z.ZodType<WireNode>;

/**
 * A new version of the state as the difference from the version the room held before: what the
 * server broadcasts after the first full `state`. It applies only to exactly version `f`; a
 * client holding anything else asks for the whole state (`sync`) and never guesses. `[f, d]`, or
 * `[f, d, v]`: a list, not an object, as it travels with every patch to every phone (no key costs
 * a byte), and `v` only when it is not `f + 1` (`patchVersion()`).
 */
export const StatePatch = z.tuple([
  /** The version it was made from. */
  z.number().int().nonnegative(),
  /** What changed since `f`, as wireDiff.ts spells it (closed lists' values by place), with the state's keys by letter (shape.ts) and values named once (refs.ts); the version is the patch's. */
  z.record(z.string(), WireNode),
  /** The version it makes, when it spans several (changes coalesced in one send, a sender's own patch). */
  z.number().int().positive().optional(),
]);
export type StatePatch = z.infer<typeof StatePatch>;
