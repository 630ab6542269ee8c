import { byId, isObject, put, type Entry, type Json } from './json.js';
/**
 * The difference between two JSON values as sent to every phone: the same idea as diff.ts (objects
 * by key, lists of entries by id), spelt so that a queue change costs a phone less than 200 bytes.
 * diff.ts stays the store's format (stored rows are in it); this one only travels.
 *
 * - a string, number, boolean or null: the new value;
 * - `[value]`: the new value (an object or a list), whole; `[]`: the key is gone;
 * - `{ key: node }`: an object, the keys that changed or came;
 * - `[0, ...ops]`: a list of objects with unique string ids, changed by ops in this order:
 *   an integer i: the entry held at position i leaves (a position costs a digit, an id fourteen
 *   bytes); `{ id: node }` changes held entries; `[mask, ...values]` comes at the end with the
 *   keys of the entry before it (the template: the held list's last, or the one that came before), in sorted order, those of bit i of `mask` with
 *   the template's value, and an integer where the template has one as the difference from it (a
 *   timestamp costs a few digits, not thirteen); `[entry]` comes at the end, whole; `["id", …]` is
 *   the whole new order, when entries moved;
 * - `[1, at, ...nodes]`: any other list, by position, when that is shorter than sending it whole:
 *   its first `at` entries are kept, and the k-th node is the diff of the entry at `at + k` (or the
 *   entry whole, when the held list has none there); the list ends after the last node (a run of
 *   the agenda that ends costs its end, not the run again).
 *
 * `codes` (given alike to both functions) names keys whose values come from a closed list: where a
 * diff sends such a key's value alone (a key that changed or came, a value of an entry that comes
 * against its template), a value in the list travels as its place in it (`"question"` costs 1 byte,
 * not 10; a delegation's id 2, not 14). Such keys hold strings or null, never numbers, so a number
 * there is always a place; a value not in the list, or inside a value that comes whole, is itself.
 */
export type WireNode = string | number | boolean | null | unknown[] | { [key: string]: WireNode };

/** Per key, the closed list its values travel as places in (see above). */
export type Codes = ReadonlyMap<string, readonly unknown[]>;

const MAX_TEMPLATE_KEYS = 30;

const setNode = (v: unknown): WireNode => (isObject(v) || Array.isArray(v) ? [v] : (v as WireNode));
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
/** Sorted: the server's copy and a phone's patched copy may hold the same keys in different orders. */
const keysOf = (entry: Json): string[] =>
  Object.keys(entry)
    .filter((key) => entry[key] !== undefined)
    .sort();

/** A value of `key` as it travels: its place in the key's list, or itself. */
function coded(key: string, v: unknown, codes?: Codes): unknown {
  const at = typeof v === 'string' ? (codes?.get(key)?.indexOf(v) ?? -1) : -1;
  return at >= 0 ? at : v;
}

function diffObjects(a: Json, b: Json, codes?: Codes): WireNode | undefined {
  const out: Json = {};
  let changed = false;
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue;
    const d = Object.hasOwn(a, key) && a[key] !== undefined ? wireDiff(a[key], value, codes) : setNode(value);
    if (d === undefined) continue;
    put(out, key, coded(key, d, codes));
    changed = true;
  }
  for (const key of Object.keys(a)) {
    if (a[key] === undefined || (Object.hasOwn(b, key) && b[key] !== undefined)) continue;
    put(out, key, []);
    changed = true;
  }
  return changed ? (out as WireNode) : undefined;
}

/** An entry coming at the end: against the template when it has the template's keys, else whole. */
function appended(entry: Entry, template: Entry | undefined, codes?: Codes): unknown[] {
  const keys = template ? keysOf(template) : [];
  const same = keysOf(entry);
  if (!template || keys.length > MAX_TEMPLATE_KEYS || same.length !== keys.length || same.some((k, i) => k !== keys[i]))
    return [entry];
  let mask = 0;
  const values: unknown[] = [];
  keys.forEach((key, i) => {
    const [was, now] = [template[key], entry[key]];
    if (wireDiff(was, now) === undefined) mask |= 1 << i;
    else values.push(isInt(was) && isInt(now) && isInt(now - was) ? now - was : coded(key, now, codes));
  });
  return [mask, ...values];
}

/** A list without ids: its changed tail by position, or the list whole, whichever is shorter. */
function byPosition(a: readonly unknown[], b: readonly unknown[], codes?: Codes): WireNode | undefined {
  let at = 0;
  while (at < a.length && at < b.length && wireDiff(a[at], b[at]) === undefined) at++;
  if (at === a.length && at === b.length) return undefined;
  const tail = b
    .slice(at)
    .map((v, k) => (at + k < a.length ? (wireDiff(a[at + k], v, codes) ?? setNode(v)) : setNode(v)));
  const positional = [1, at, ...tail];
  return JSON.stringify(positional).length < JSON.stringify([b]).length ? positional : [b];
}

function diffLists(a: readonly unknown[], b: readonly unknown[], codes?: Codes): WireNode | undefined {
  const before = byId(a);
  const after = byId(b);
  if (!before || !after) return byPosition(a, b, codes);
  const ops: unknown[] = [...before.keys()].flatMap((id, i) => (after.has(id) ? [] : [i]));
  const changes: Json = {};
  let changed = false;
  const added: Entry[] = [];
  for (const [id, entry] of after) {
    const old = before.get(id);
    if (!old) {
      added.push(entry);
      continue;
    }
    const d = wireDiff(old, entry, codes);
    if (d === undefined) continue;
    put(changes, id, d);
    changed = true;
  }
  if (changed) ops.push(changes);
  let template = a.at(-1) as Entry | undefined;
  for (const entry of added) {
    ops.push(appended(entry, template, codes));
    template = entry;
  }
  const natural = [...before.keys()].filter((id) => after.has(id)).concat(added.map((e) => e.id));
  const order = [...after.keys()];
  if (natural.some((id, i) => order[i] !== id)) ops.push(order);
  return ops.length > 0 ? [0, ...ops] : undefined;
}

/** What turns `a` into `b`; undefined when they are equal as JSON. */
export function wireDiff(a: unknown, b: unknown, codes?: Codes): WireNode | undefined {
  if (a === b) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) return diffLists(a, b, codes);
  if (isObject(a) && isObject(b)) return diffObjects(a, b, codes);
  return setNode(b);
}

/** A patch that does not fit what is held; the client then asks for the state. Terse: every phone carries these texts. */
export class WireMismatch extends Error {}

/** What `coded` sent for `key`. */
function decoded(key: string, v: unknown, codes?: Codes): unknown {
  const list = typeof v === 'number' ? codes?.get(key) : undefined;
  if (!list) return v;
  const found = list[v as number];
  if (found === undefined) throw new WireMismatch('no such place');
  return found;
}

function patchObject(a: unknown, d: Json, codes?: Codes): Json {
  if (!isObject(a)) throw new WireMismatch('not an object');
  const gone = new Set(Object.keys(d).filter((key) => Array.isArray(d[key]) && (d[key] as unknown[]).length === 0));
  const out: Json = {};
  const next = (key: string) =>
    decoded(key, wirePatch(Object.hasOwn(a, key) ? a[key] : undefined, d[key] as WireNode, codes), codes);
  for (const [key, value] of Object.entries(a))
    if (!gone.has(key)) put(out, key, Object.hasOwn(d, key) ? next(key) : value);
  for (const key of Object.keys(d)) if (!gone.has(key) && !Object.hasOwn(a, key)) put(out, key, next(key));
  return out;
}

function fromTemplate(op: unknown[], template: Entry | undefined, codes?: Codes): unknown {
  const [mask, ...values] = op;
  if (typeof mask !== 'number') {
    if (op.length !== 1) throw new WireMismatch('whole entry with extras');
    return op[0];
  }
  if (!template) throw new WireMismatch('no template');
  const out: Json = {};
  let next = 0;
  keysOf(template).forEach((key, i) => {
    const was = template[key];
    if (mask & (1 << i)) return put(out, key, was);
    if (next >= values.length) throw new WireMismatch('fewer values');
    const sent = values[next++];
    put(out, key, isInt(was) && isInt(sent) ? was + sent : decoded(key, sent, codes));
  });
  if (next !== values.length) throw new WireMismatch('more values');
  return out;
}

const NOT_ENTRIES = 'not a list of entries';

function patchList(a: unknown, ops: unknown[], codes?: Codes): unknown[] {
  const held = Array.isArray(a) ? byId(a) : undefined;
  if (!held || !Array.isArray(a)) throw new WireMismatch(NOT_ENTRIES);
  let template = a.at(-1) as Entry | undefined;
  const entries = new Map<string, unknown>(held);
  let order: string[] | undefined;
  for (const op of ops) {
    if (typeof op === 'number') {
      const gone = a[op] as Entry | undefined;
      if (!Number.isSafeInteger(op) || !gone) throw new WireMismatch(`no entry at position ${op}`);
      entries.delete(gone.id);
    } else if (isObject(op)) {
      for (const [id, sub] of Object.entries(op)) {
        if (!entries.has(id)) throw new WireMismatch(`${id} not held`);
        entries.set(id, wirePatch(entries.get(id), sub as WireNode, codes));
      }
    } else if (Array.isArray(op) && typeof op[0] === 'string') order = op as string[];
    else if (Array.isArray(op)) {
      const entry = fromTemplate(op, template, codes);
      if (!isObject(entry) || typeof entry.id !== 'string') throw new WireMismatch(NOT_ENTRIES);
      entries.set(entry.id, entry);
      template = entry as Entry;
    } else throw new WireMismatch('unknown list op');
  }
  if (!order) return [...entries.values()];
  return order.map((id) => {
    if (!entries.has(id)) throw new WireMismatch(`entry ${id} is neither held nor sent`);
    return entries.get(id);
  });
}

function patchPositions(a: unknown, at: unknown, nodes: WireNode[], codes?: Codes): unknown[] {
  if (!Array.isArray(a)) throw new WireMismatch('not a list');
  if (!isInt(at) || at < 0 || at > a.length) throw new WireMismatch(`no position ${String(at)}`);
  return [
    ...a.slice(0, at),
    ...nodes.map((node, k) => wirePatch(at + k < a.length ? a[at + k] : undefined, node, codes)),
  ];
}

/**
 * `b` from `a` and `wireDiff(a, b, codes)`. Unchanged parts are shared with `a`, never copied; `a` is
 * not modified. Throws WireMismatch when the diff was not made from a value shaped like `a`.
 */
export function wirePatch(a: unknown, d: WireNode, codes?: Codes): unknown {
  if (Array.isArray(d)) {
    if (d.length === 1) return d[0];
    if (d.length >= 2 && d[0] === 0) return patchList(a, d.slice(1), codes);
    if (d.length >= 2 && d[0] === 1) return patchPositions(a, d[1], d.slice(2) as WireNode[], codes);
    throw new WireMismatch('unknown list node');
  }
  if (isObject(d)) return patchObject(a, d, codes);
  return d;
}
