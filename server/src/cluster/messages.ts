import { Diff, DomainEvent, Failure } from '@roundtable/shared';
import { z } from 'zod';

const id = z.string().min(1).max(100);
/** Yjs updates and awareness changes cross as bytes (msgpack through the Redis stream). */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes');

/**
 * What one node tells the others, through Socket.IO's Redis streams adapter (`serverSideEmit`). Each is
 * a hint or a copy of something already in the store: a node that misses one (Redis was down) catches up
 * from the store (Roundtables.learn, the documents' reload), so none of them is the only record of anything.
 */
export const ClusterMessages = {
  /**
   * A roundtable was committed at this version on the sending node; `change` (its difference from `from`,
   * and its events) lets a node holding `from` learn it without reading the store.
   */
  version: z.object({
    roundtableId: id,
    version: z.number().int().nonnegative(),
    change: z.object({ from: z.number().int().nonnegative(), diff: Diff, events: z.array(DomainEvent) }).optional(),
  }),
  /** An outcome-document update, already stored. */
  docUpdate: z.object({ roundtableId: id, update: bytes }),
  /** An awareness change (carets, who is editing) made by a writer on the sending node. */
  awareness: z.object({ roundtableId: id, update: bytes }),
  /** The document was rewritten whole (an erasure): copies in memory are dropped, their editors closed. */
  docReset: z.object({ roundtableId: id, failure: Failure }),
  /** The participants connected to the sending node: the roundtables that changed, or (`full`) all of them. */
  presence: z.object({ node: id, online: z.record(id, z.array(id).max(100_000)), full: z.boolean() }),
  /** The operator archived or deleted it: every node lets it go and ends what is open on it. */
  evicted: z.object({ roundtableId: id, failure: Failure }),
} as const;

export type ClusterKind = keyof typeof ClusterMessages;
export type ClusterMessage<K extends ClusterKind> = z.infer<(typeof ClusterMessages)[K]>;

/** Socket.IO's inter-server events: one argument each, checked on arrival like any other message. */
export type InterServerEvents = { [K in ClusterKind]: (message: ClusterMessage<K>) => void };
