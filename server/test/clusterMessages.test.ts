import { pino } from 'pino';
import { expect, it } from 'vitest';
import { Cluster } from '../src/cluster/cluster.js';
import type { ClusterKind } from '../src/cluster/messages.js';

/** A link whose messages the test delivers by hand, as another node's would arrive through Redis. */
function fakeLink() {
  const handlers = new Map<ClusterKind, (raw: unknown) => void>();
  return {
    link: { emit: () => undefined, listen: (kind: ClusterKind, h: (raw: unknown) => void) => handlers.set(kind, h) },
    deliver: (kind: ClusterKind, raw: unknown) => handlers.get(kind)?.(raw),
  };
}

const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });

it('drops whatever another node sends in the wrong shape, logs it, and goes on with the next message', () => {
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const cluster = new Cluster(log, true);
  const { link, deliver } = fakeLink();
  cluster.attach(link);
  const learnt: number[] = [];
  cluster.on('version', ({ version }) => void learnt.push(version));
  cluster.on('docUpdate', () => {
    throw new Error('a handler that fails');
  });
  for (const raw of [
    null,
    'version 3',
    { roundtableId: 'rt', version: -1 },
    { roundtableId: 'rt', version: '3' },
    { roundtableId: 'x'.repeat(10_000), version: 3 },
    { roundtableId: 'rt', version: 3, change: { from: 2, diff: deep(200), events: [{ type: 'nope' }] } },
    deep(1000),
  ]) {
    expect(() => deliver('version', raw)).not.toThrow();
  }
  expect(() => deliver('docUpdate', { roundtableId: 'rt', update: new Uint8Array([1]) })).not.toThrow();
  deliver('version', { roundtableId: 'rt', version: 4 });
  expect(learnt).toEqual([4]);
  expect(lines.filter((l) => l.includes('malformed message from another node'))).toHaveLength(7);
  expect(lines.filter((l) => l.includes('a message from another node failed'))).toHaveLength(1);
});
