import type { SpeakerRequest } from './schema.js';

type Entry = { request: Pick<SpeakerRequest, 'id' | 'kind'> };
type Yielding = { request: Pick<SpeakerRequest, 'id' | 'yieldedTo'> };

/**
 * Whom "let the next speaker go first" would let pass: the request right behind `requestId` in `order`
 * (the queue in floor order), or null when there is nobody behind it or it is a point of order (heard at
 * once, so it has no place to give). The domain refuses exactly when this is null; pages show the button
 * exactly when it is not.
 */
export function yieldTarget(order: readonly Entry[], requestId: string): string | null {
  const at = order.findIndex((o) => o.request.id === requestId);
  if (at < 0 || order[at]?.request.kind === 'point_of_order') return null;
  return order[at + 1]?.request.id ?? null;
}

/** The requests it let go first; none while the field is absent. */
export const yieldsOf = (request: Pick<SpeakerRequest, 'yieldedTo'>): readonly string[] => request.yieldedTo ?? [];

/** Whether the request still stands behind someone it let go first. */
export const isYielding = (request: Pick<SpeakerRequest, 'yieldedTo'>, waiting: ReadonlySet<string>): boolean =>
  yieldsOf(request).some((id) => waiting.has(id));

/**
 * The order with every request placed behind all those it let go first that still wait, and otherwise
 * as it was: each place goes to the first request in the old order that has nobody ahead of it still to
 * come. A loop (apply() never makes one) falls back to the old order rather than losing anyone.
 */
export function honourYields<T extends Yielding>(order: readonly T[]): T[] {
  const waiting = new Set(order.map((o) => o.request.id));
  const placed = new Set<string>();
  const ready = (o: T) => yieldsOf(o.request).every((id) => placed.has(id) || !waiting.has(id));
  const rest = [...order];
  const out: T[] = [];
  while (rest.length > 0) {
    const [next] = rest.splice(Math.max(0, rest.findIndex(ready)), 1);
    if (!next) break;
    out.push(next);
    placed.add(next.request.id);
  }
  return out;
}

/**
 * The requests after `requestId` let `passed` go first: it now stands behind them, and any of them that
 * had let it go first no longer does (the newer choice wins, and no two requests wait for each other).
 */
export function letPass<R extends Pick<SpeakerRequest, 'id' | 'yieldedTo'>>(
  requests: readonly R[],
  requestId: string,
  passed: readonly string[],
): R[] {
  const gone = new Set(passed);
  return requests.map((r) => {
    const had = yieldsOf(r);
    if (r.id === requestId) return { ...r, yieldedTo: [...had.filter((id) => !gone.has(id)), ...passed] };
    if (gone.has(r.id) && had.includes(requestId)) return { ...r, yieldedTo: had.filter((id) => id !== requestId) };
    return r;
  });
}
