import { byId, isObject, put, type Entry, type Json } from './json.js';
/**
 * The difference between two JSON values, small where states differ little: a queue change sent to
 * 2,000 phones carries the new request and the new order, not the agenda, the delegations and
 * everyone waiting all over again.
 *
 * - `{ set }`: the new value, whole.
 * - `{ keys, drop? }`: an object; the differences of the keys that changed or were added, and the
 *   keys that are gone.
 * - `{ items, drop?, add?, ids? }`: a list of objects with unique string `id`s (people, requests,
 *   agenda items); the differences of the entries that changed or are new, the ids that left and
 *   the ids that came at the end, or, when entries moved, the whole new order of ids.
 */
export type Diff = { set: unknown } | { keys: Record<string, Diff>; drop?: string[] } | ListDiff;
export type ListDiff = { items: Record<string, Diff>; drop?: string[]; add?: string[]; ids?: string[] };

function diffObjects(a: Json, b: Json): Diff | undefined {
  const keys: Record<string, Diff> = {};
  let changed = false;
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue;
    const d = Object.hasOwn(a, key) && a[key] !== undefined ? diff(a[key], value) : { set: value };
    if (d) {
      put(keys, key, d);
      changed = true;
    }
  }
  const drop = Object.keys(a).filter((key) => a[key] !== undefined && (!Object.hasOwn(b, key) || b[key] === undefined));
  if (!changed && drop.length === 0) return undefined;
  return drop.length > 0 ? { keys, drop } : { keys };
}

/** How the ids went from `before` to `after`: drops and appends when that says it, else the whole order. */
function order(before: Map<string, Entry>, after: Map<string, Entry>): Omit<ListDiff, 'items'> | undefined {
  const drop = [...before.keys()].filter((id) => !after.has(id));
  const add = [...after.keys()].filter((id) => !before.has(id));
  const natural = [...before.keys()].filter((id) => after.has(id)).concat(add);
  const ids = [...after.keys()];
  if (natural.some((id, i) => ids[i] !== id)) return { ids };
  if (drop.length === 0 && add.length === 0) return undefined;
  return { ...(drop.length > 0 ? { drop } : {}), ...(add.length > 0 ? { add } : {}) };
}

function diffLists(a: readonly unknown[], b: readonly unknown[]): Diff | undefined {
  const before = byId(a);
  const after = byId(b);
  if (!before || !after) return a.length === b.length && a.every((v, i) => !diff(v, b[i])) ? undefined : { set: b };
  const items: Record<string, Diff> = {};
  let changed = false;
  for (const [id, entry] of after) {
    const old = before.get(id);
    const d = old ? diff(old, entry) : { set: entry };
    if (d) {
      put(items, id, d);
      changed = true;
    }
  }
  const moved = order(before, after);
  if (!changed && !moved) return undefined;
  return { items, ...moved };
}

/** What turns `a` into `b`; undefined when they are equal as JSON. */
export function diff(a: unknown, b: unknown): Diff | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) return diffLists(a, b);
  if (isObject(a) && isObject(b)) return diffObjects(a, b);
  return { set: b };
}

export class DiffMismatch extends Error {}

function patchObject(a: unknown, d: { keys: Record<string, Diff>; drop?: string[] }): Json {
  if (!isObject(a)) throw new DiffMismatch('an object diff for a value that is not an object');
  // Spreading copies own properties as data, `__proto__` included; a drop (rare) rebuilds instead of `delete`.
  let out: Json = { ...a };
  if (d.drop) {
    const dropped = new Set(d.drop);
    out = {};
    for (const [key, value] of Object.entries(a)) if (!dropped.has(key)) put(out, key, value);
  }
  for (const [key, sub] of Object.entries(d.keys))
    put(out, key, patch(Object.hasOwn(a, key) ? a[key] : undefined, sub));
  return out;
}

const NOT_ENTRIES = 'a list diff for a value that is not a list of entries with ids';

function entryPatch(d: ListDiff, id: string, old: Entry | undefined): unknown {
  const sub = Object.hasOwn(d.items, id) ? d.items[id] : undefined;
  if (sub) return patch(old, sub);
  if (!old) throw new DiffMismatch(`entry ${id} is neither held nor sent`);
  return old;
}

/** Entries in a new order: found by id. */
function reorder(a: unknown, d: ListDiff & { ids: string[] }): unknown[] {
  const before = Array.isArray(a) ? byId(a) : undefined;
  if (!before) throw new DiffMismatch(NOT_ENTRIES);
  return d.ids.map((id) => entryPatch(d, id, before.get(id)));
}

/** Entries kept in order, some gone, some added at the end: one walk, no lookup table (phones do this per change). */
function patchList(a: unknown, d: ListDiff): unknown[] {
  if (d.ids) return reorder(a, { ...d, ids: d.ids });
  if (!Array.isArray(a)) throw new DiffMismatch(NOT_ENTRIES);
  const dropped = d.drop && d.drop.length > 0 ? new Set(d.drop) : undefined;
  const out: unknown[] = [];
  for (const old of a) {
    if (!isObject(old) || typeof old.id !== 'string') throw new DiffMismatch(NOT_ENTRIES);
    if (!dropped?.has(old.id)) out.push(entryPatch(d, old.id, old as Entry));
  }
  for (const id of d.add ?? []) out.push(entryPatch(d, id, undefined));
  return out;
}

/**
 * `b` from `a` and `diff(a, b)`. Unchanged parts are shared with `a`, never copied; `a` is not
 * modified. Throws DiffMismatch when the diff was not made from a value shaped like `a`.
 */
export function patch(a: unknown, d: Diff): unknown {
  if ('set' in d) return d.set;
  if ('keys' in d) return patchObject(a, d);
  return patchList(a, d);
}
