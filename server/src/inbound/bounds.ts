import { MAX_MESSAGE_BYTES, type Failure, refusal } from '@roundtable/shared';

/** Deeper than any message we define (a command is at most a few levels) and far below a stack overflow. */
export const MAX_DEPTH = 32;

export interface Bounds {
  maxBytes: number;
  maxDepth: number;
}

export const MESSAGE_BOUNDS: Bounds = { maxBytes: MAX_MESSAGE_BYTES, maxDepth: MAX_DEPTH };

/** Roughly what a value costs as JSON: enough to refuse a huge message before anything walks it again. */
const scalarBytes = (value: unknown): number =>
  typeof value === 'string' ? value.length + 2 : typeof value === 'number' ? 8 : 5;

/**
 * Checks a decoded message against size and depth limits without recursion (a deeply nested
 * payload cannot overflow the stack here) and stops at the first limit passed, so a hostile message
 * costs at most `maxBytes` of walking. Binary attachments and anything that is not plain JSON data
 * are refused: no message of ours carries them.
 */
export function checkBounds(value: unknown, { maxBytes, maxDepth }: Bounds = MESSAGE_BOUNDS): Failure | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let bytes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > maxDepth) return refusal('too_deep', { max: maxDepth });
    if (item !== null && typeof item === 'object') {
      if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) {
        return refusal('binary_data');
      }
      const proto = Object.getPrototypeOf(item) as unknown;
      if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) {
        return refusal('not_plain_data');
      }
      bytes += 2;
      const array = Array.isArray(item);
      for (const key of Object.keys(item)) {
        // Counted as it is pushed, so a huge array is refused before it is all on the stack.
        bytes += array ? 1 : key.length + 3;
        if (bytes > maxBytes) break;
        stack.push([(item as Record<string, unknown>)[key], depth + 1]);
      }
    } else if (typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint') {
      return refusal('not_plain_data');
    } else {
      bytes += scalarBytes(item);
    }
    if (bytes > maxBytes) {
      return refusal('too_large', { kib: Math.round(maxBytes / 1024) });
    }
  }
  return undefined;
}
