import * as encoding from 'lib0/encoding';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../src/store/docs.js';
import { YJS_CLOSE as CLOSE, YJS_MESSAGE as MESSAGE } from '@roundtable/shared';
import { syncUpdate } from '../src/yjs/messages.js';
import { SharedDoc, type DocConnection } from '../src/yjs/sharedDoc.js';

/** A document the store holds nothing of yet. */
const EMPTY = { updates: [], bytes: 0, retired: [] };

/** One list of what happened, in order: the store's writes and every message each connection got. */
type Step = string;

/** A store whose flushes finish when the test says so. */
function recordingStore(log: Step[]) {
  const flushes: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const store: DocStore = {
    appendDocUpdate: async () => void log.push('append'),
    flushDocUpdates: () => {
      log.push('flush');
      return new Promise((resolve, reject) => flushes.push({ resolve, reject }));
    },
    loadDocUpdates: async () => [],
    docBytes: async () => 0,
    replaceDocUpdates: async () => void log.push('replace'),
    compactDocUpdates: async () => (log.push('compact'), 0),
    saveDocVersion: async () => undefined,
    listDocVersions: async () => [],
    loadDocVersion: async () => undefined,
    replaceDocVersion: async () => undefined,
    retireDocClients: async () => undefined,
    retiredDocClients: async () => [],
  };
  /** Finishes the oldest running flush, then lets every timer and promise that follows run. */
  const finish = async (error?: Error) => {
    const flush = flushes.shift();
    if (!flush) throw new Error('no flush is running');
    if (error) flush.reject(error);
    else flush.resolve();
    await vi.runAllTimersAsync();
  };
  return { store, finish };
}

const KIND: Record<number, string> = { [MESSAGE.sync]: 'sync', [MESSAGE.stored]: 'stored', [MESSAGE.error]: 'error' };

function connection(name: string, log: Step[]): DocConnection & { closed: boolean } {
  return {
    who: `p:${name}`,
    readOnly: false,
    closed: false,
    send: (message) => void log.push(`${name} ${KIND[message[0] ?? -1] ?? 'other'}`),
    close() {
      this.closed = true;
      log.push(`${name} closed`);
    },
  };
}

function anEdit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return syncUpdate(Y.encodeStateAsUpdate(doc));
}

function room() {
  const log: Step[] = [];
  const { store, finish } = recordingStore(log);
  const limits = { maxDocBytes: 1 << 20, compactAfter: 500 };
  const shared = new SharedDoc('rt', store, limits, pino({ level: 'silent' }), EMPTY);
  const a = connection('A', log);
  const b = connection('B', log);
  shared.add(a);
  shared.add(b);
  log.length = 0;
  return { log, shared, a, b, finish, store };
}

/** Lets the store's answers arrive: promises only, no timers (the flush waits for a timer the test runs). */
const answered = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const stored = (log: Step[]) => log.filter((s) => s.endsWith('stored'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an outcome-document edit', () => {
  it('is written before anyone sees it, relayed without waiting for the disk, and "stored" only once it is on the disk', async () => {
    const { log, shared, a, finish } = room();
    shared.receive(a, anEdit('Border protection'));
    await answered();
    expect(log).toEqual(['append', 'A sync', 'B sync']);
    await vi.runAllTimersAsync();
    expect(log).toEqual(['append', 'A sync', 'B sync', 'flush']);
    await finish();
    expect(log).toEqual(['append', 'A sync', 'B sync', 'flush', 'A stored', 'B stored']);
  });

  it('waits for a slow store: not relayed before it is written, and "stored" not said before the last write', async () => {
    const { log, shared, a, finish, store } = room();
    // PostgreSQL's appends take a round trip each, one after another: the test decides when each lands.
    const landing: (() => void)[] = [];
    store.appendDocUpdate = () => new Promise<void>((resolve) => landing.push(() => (log.push('append'), resolve())));
    shared.receive(a, anEdit('first'));
    shared.receive(a, anEdit('second'));
    await vi.runAllTimersAsync();
    expect(log).toEqual([]);
    landing.shift()?.();
    await vi.runAllTimersAsync();
    expect(log).toEqual(['append', 'A sync', 'B sync']);
    landing.shift()?.();
    await vi.runAllTimersAsync();
    expect(log).toEqual(['append', 'A sync', 'B sync', 'append', 'A sync', 'B sync', 'flush']);
    await finish();
    expect(stored(log)).toEqual(['A stored', 'B stored']);
  });

  it('shares one flush with every edit of the same turn', async () => {
    const { log, shared, a, b, finish } = room();
    shared.receive(a, anEdit('one'));
    shared.receive(b, anEdit('two'));
    await vi.runAllTimersAsync();
    await finish();
    expect(log.filter((s) => s === 'append')).toHaveLength(2);
    expect(log.filter((s) => s === 'flush')).toHaveLength(1);
    expect(stored(log)).toEqual(['A stored', 'B stored']);
  });

  it('made while a flush is running gets a flush of its own, and "stored" waits for it', async () => {
    const { log, shared, a, finish } = room();
    shared.receive(a, anEdit('first'));
    await vi.runAllTimersAsync();
    shared.receive(a, anEdit('second'));
    await vi.runAllTimersAsync();
    await finish();
    expect(log.filter((s) => s === 'flush')).toHaveLength(2);
    expect(stored(log)).toEqual([]);
    await finish();
    expect(stored(log)).toEqual(['A stored', 'B stored']);
  });

  it('whose flush fails closes every connection and never says "stored"', async () => {
    const { log, shared, a, b, finish } = room();
    shared.receive(a, anEdit('lost?'));
    await vi.runAllTimersAsync();
    await finish(new Error('EIO'));
    expect(a.closed && b.closed).toBe(true);
    expect(shared.broken).toBe(true);
    expect(stored(log)).toEqual([]);
  });

  it('still goes to the disk when its document is let go in the same turn', async () => {
    const { log, shared, a } = room();
    shared.receive(a, anEdit('last words'));
    shared.destroy();
    await answered();
    expect(log).toContain('flush');
  });

  it('not yet on the disk is not reported stored to a connection that arrives meanwhile', async () => {
    const { log, shared, a, finish } = room();
    shared.receive(a, anEdit('pending'));
    await vi.runAllTimersAsync();
    shared.add(connection('C', log));
    expect(stored(log)).toEqual([]);
    await finish();
    expect(stored(log)).toEqual(['A stored', 'B stored', 'C stored']);
  });
});

/** A room whose log lines are kept, and whose connections record what they were sent. */
function loggedRoom() {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const steps: Step[] = [];
  const { store } = recordingStore(steps);
  const shared = new SharedDoc('rt', store, { maxDocBytes: 1 << 20, compactAfter: 500 }, log, EMPTY);
  const sent: Uint8Array[] = [];
  const conn: DocConnection & { closedWith?: number } = {
    who: 'p:phone',
    readOnly: true,
    send: (message) => void sent.push(message),
    close(code) {
      this.closedWith = code;
    },
  };
  shared.add(conn);
  sent.length = 0;
  const errors = () => sent.filter((m) => m[0] === MESSAGE.error).length;
  return { lines, shared, conn, sent, errors };
}

describe('malformed messages', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
  });

  it('are logged once per connection, briefly and without a stack, answered for the first three, and close the connection at the tenth', () => {
    const { lines, shared, conn, errors } = loggedRoom();
    for (let i = 0; i < 9; i++) shared.receive(conn, new Uint8Array([0, 0, 200, 1]));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ who: 'p:phone', roundtableId: 'rt', msg: 'malformed document message' });
    expect(line.error).toMatch(/end of array/i);
    expect(lines[0]).not.toMatch(/stack|at .*\.js/);
    expect(lines[0]!.length).toBeLessThan(300);
    expect(errors()).toBe(3);
    expect(conn.closedWith).toBeUndefined();

    shared.receive(conn, new Uint8Array([77]));
    expect(conn.closedWith).toBe(CLOSE.malformed);
    // Closed: whatever else arrives before the socket is gone is not read, answered or logged.
    shared.receive(conn, new Uint8Array([0, 0, 1, 0]));
    shared.refuse(conn, 'Text frames are not part of the protocol.');
    expect(errors()).toBe(3);
    expect(lines).toHaveLength(1);
  });

  it('are counted per window: a few now and then never close the connection', () => {
    const { shared, conn, errors } = loggedRoom();
    for (let window = 0; window < 5; window++) {
      for (let i = 0; i < 9; i++) shared.receive(conn, new Uint8Array([77]));
      vi.advanceTimersByTime(10_000);
    }
    expect(conn.closedWith).toBeUndefined();
    expect(errors()).toBe(15);
  });
});

describe('awareness', () => {
  /** An awareness message (type 1) with entries for any client ids. */
  function presence(entries: [clientId: number, clock: number, state: object | null][], cut = 0): Uint8Array {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, entries.length);
    for (const [id, clock, state] of entries) {
      encoding.writeVarUint(update, id);
      encoding.writeVarUint(update, clock);
      encoding.writeVarString(update, JSON.stringify(state));
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MESSAGE.awareness);
    const bytes = encoding.toUint8Array(update);
    encoding.writeVarUint8Array(message, bytes.subarray(0, bytes.length - cut));
    return encoding.toUint8Array(message);
  }
  const names = (shared: SharedDoc) =>
    Object.fromEntries([...shared.awareness.getStates()].map(([id, s]) => [id, (s as { name?: string }).name]));

  it('lets a connection set and remove only the client ids it was first to use, until it closes', () => {
    const { shared, a, b } = room();
    shared.receive(a, presence([[1, 1, { name: 'Aigerim' }]]));
    shared.receive(
      b,
      presence([
        [1, 5, { name: 'Mallory' }],
        [2, 1, { name: 'Pieter' }],
      ]),
    );
    shared.receive(b, presence([[1, 6, null]]));
    expect(names(shared)).toEqual({ 1: 'Aigerim', 2: 'Pieter' });
    // A removal does not claim an id nobody holds; nor may anyone take the server's own.
    shared.receive(b, presence([[3, 1, null]]));
    shared.receive(
      a,
      presence([
        [3, 2, { name: 'Aigerim too' }],
        [shared.awareness.clientID, 9, { name: 'server' }],
      ]),
    );
    expect(names(shared)).toEqual({ 1: 'Aigerim', 2: 'Pieter', 3: 'Aigerim too' });
    shared.receive(a, presence([[1, 2, null]]));
    expect(names(shared)).toEqual({ 2: 'Pieter', 3: 'Aigerim too' });

    shared.remove(a);
    expect(names(shared)).toEqual({ 2: 'Pieter' });
    shared.receive(b, presence([[3, 3, { name: 'Pieter’s second tab' }]]));
    expect(names(shared)).toEqual({ 2: 'Pieter', 3: 'Pieter’s second tab' });
  });

  it('refuses a malformed update whole (cut short, or a state that is not an object), even after a good entry', () => {
    const { shared, a, log } = room();
    const good = presence([[1, 1, { name: 'Aigerim' }]]);
    shared.receive(
      a,
      presence(
        [
          [1, 1, { name: 'Aigerim' }],
          [2, 1, { name: 'cut' }],
        ],
        3,
      ),
    );
    shared.receive(a, presence([[1, 1, 'a string' as unknown as object]]));
    expect(names(shared)).toEqual({});
    expect(log.filter((s) => s === 'A error')).toHaveLength(2);
    shared.receive(a, good);
    expect(names(shared)).toEqual({ 1: 'Aigerim' });
  });
});
