import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../src/store/docs.js';
import { MESSAGE, syncUpdate } from '../src/yjs/messages.js';
import { SharedDoc, type DocConnection } from '../src/yjs/sharedDoc.js';

/** One list of what happened, in order: the store's writes and every message each connection got. */
type Step = string;

/** A store whose flushes finish when the test says so. */
function recordingStore(log: Step[]) {
  const flushes: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const store: DocStore = {
    appendDocUpdate: () => void log.push('append'),
    flushDocUpdates: () => {
      log.push('flush');
      return new Promise((resolve, reject) => flushes.push({ resolve, reject }));
    },
    loadDocUpdates: () => [],
    docBytes: () => 0,
    replaceDocUpdates: () => void log.push('compact'),
    saveDocVersion: () => undefined,
    listDocVersions: () => [],
    loadDocVersion: () => undefined,
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
  const shared = new SharedDoc('rt', store, limits, pino({ level: 'silent' }));
  const a = connection('A', log);
  const b = connection('B', log);
  shared.add(a);
  shared.add(b);
  log.length = 0;
  return { log, shared, a, b, finish };
}

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
    expect(log).toEqual(['append', 'A sync', 'B sync']);
    await vi.runAllTimersAsync();
    expect(log).toEqual(['append', 'A sync', 'B sync', 'flush']);
    await finish();
    expect(log).toEqual(['append', 'A sync', 'B sync', 'flush', 'A stored', 'B stored']);
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

  it('still goes to the disk when its document is let go in the same turn', () => {
    const { log, shared, a } = room();
    shared.receive(a, anEdit('last words'));
    shared.destroy();
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
