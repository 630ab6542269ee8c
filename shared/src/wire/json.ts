/** What every layer of the wire (diff, wire diff, key shapes, references) reads and writes: plain JSON. */
export type Json = Record<string, unknown>;
export type Entry = Json & { id: string };

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Entries by id, or undefined when the list is not a list of objects with unique string ids. */
export function byId(list: readonly unknown[]): Map<string, Entry> | undefined {
  const map = new Map<string, Entry>();
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.id !== 'string' || map.has(entry.id)) return undefined;
    map.set(entry.id, entry as Entry);
  }
  return map;
}

/** Assignment that makes an own property even of a key like `__proto__` (which `=` would not). */
export function put(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}
