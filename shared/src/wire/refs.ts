import { isObject, put, type Json } from './json.js';
/**
 * A patch names a value once: a long string or a timestamp that comes again in the same patch (a
 * request's id in the queue and in its order, a person's id in the roster and in the request, an
 * item's end and the next item's start) comes again as `"^n"`, the n-th such value met, in the
 * order JSON writes them (keys before their values). A string of the patch that starts with `^` is
 * sent with one more, so nothing sent is ever read as a reference.
 */

const MARK = '^';
const REF = /^\^(0|[1-9]\d*)$/;
/** Values worth a reference: one costs 4 or 5 bytes, these at least 8. */
const worth = (v: unknown): v is string | number =>
  (typeof v === 'string' && v.length >= 6) || (Number.isSafeInteger(v) && Math.abs(v as number) >= 1e6);

export class RefMismatch extends Error {}

/** `value` with values met before replaced by references, and strings starting with the mark escaped. */
export function withRefs<T>(value: T): T {
  const seen = new Map<string | number, number>();
  const one = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(one);
    if (isObject(v)) {
      const out: Json = {};
      for (const [key, sub] of Object.entries(v)) {
        const name = one(key) as string;
        put(out, name, one(sub));
      }
      return out;
    }
    if (!worth(v)) return typeof v === 'string' && v.startsWith(MARK) ? MARK + v : v;
    const ref = seen.get(v);
    if (ref !== undefined) return `${MARK}${ref}`;
    seen.set(v, seen.size);
    return typeof v === 'string' && v.startsWith(MARK) ? MARK + v : v;
  };
  return one(value) as T;
}

/** What `withRefs` was given; throws RefMismatch for a reference to nothing met, or a key that is no string. */
export function withoutRefs<T>(value: T): T {
  const met: (string | number)[] = [];
  const one = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(one);
    if (isObject(v)) {
      const out: Json = {};
      for (const [key, sub] of Object.entries(v)) {
        const name = one(key);
        if (typeof name !== 'string') throw new RefMismatch('number as key');
        put(out, name, one(sub));
      }
      return out;
    }
    if (typeof v === 'string' && v.startsWith(MARK)) {
      if (v.startsWith(MARK + MARK)) return remember(v.slice(1));
      const ref = REF.exec(v);
      const found = ref ? met[Number(ref[1])] : undefined;
      if (found === undefined) throw new RefMismatch(`no value ${v} met before`);
      return found;
    }
    return remember(v);
  };
  const remember = (v: unknown): unknown => {
    if (worth(v)) met.push(v);
    return v;
  };
  return one(value) as T;
}
