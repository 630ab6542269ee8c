import { describe, expect, it } from 'vitest';
import {
  AwarenessOwners,
  MAX_AWARENESS_STATE_CHARS,
  MAX_CLIENT_IDS_PER_CONNECTION,
  decodeAwareness,
  encodeAwareness,
  type AwarenessEntry,
} from '../src/yjs/awarenessOwners.js';

const entry = (clientId: number, state: object | null = { user: { name: 'Aigerim' } }): AwarenessEntry => {
  const json = JSON.stringify(state);
  return { clientId, clock: 1, json, removal: state === null };
};

describe('awareness entries', () => {
  it('decode what they encode, and refuse a state larger than a caret and a name need', () => {
    const entries = [entry(1), entry(2, null)];
    expect(decodeAwareness(encodeAwareness(entries))).toEqual(entries);
    const huge = entry(3, { user: { name: 'x'.repeat(MAX_AWARENESS_STATE_CHARS) } });
    expect(() => decodeAwareness(encodeAwareness([huge]))).toThrow(/larger than 4 KiB/);
  });

  it('let one connection own only a few client ids, so it cannot fill every editor with carets', () => {
    const owners = new AwarenessOwners<string>(0);
    const many = Array.from({ length: 50 }, (_, i) => entry(i + 1));
    expect(owners.allowed('a', many).map((e) => e.clientId)).toEqual(
      Array.from({ length: MAX_CLIENT_IDS_PER_CONNECTION }, (_, i) => i + 1),
    );
    // Its own ids still update; another connection can still claim the ids it could not.
    expect(owners.allowed('a', [entry(1)])).toHaveLength(1);
    expect(owners.allowed('b', [entry(40)])).toHaveLength(1);
    expect(owners.release('a')).toHaveLength(MAX_CLIENT_IDS_PER_CONNECTION);
  });
});
