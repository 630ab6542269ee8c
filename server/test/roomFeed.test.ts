import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { patchVersion, type StatePatch } from '@roundtable/shared';
import { Scenario } from '../../shared/test/support/roundtable.js';
import { RoomFeed, type FeedEmitter, type FeedEvents, type FeedMember } from '../src/realtime/roomFeed.js';
import { rooms } from '../src/session/rooms.js';

/** A fake Socket.IO: rooms of session ids, and every send recorded as `to event version`. */
function fakeEmitter() {
  const members = new Map<string, Set<string>>();
  const sent: string[] = [];
  const emitter: FeedEmitter = {
    members: (room) => members.get(room),
    emit<E extends keyof FeedEvents>(to: string | string[], except: string[], event: E, payload: FeedEvents[E]) {
      const what =
        event === 'presence'
          ? 'presence'
          : `${event} ${'version' in payload ? payload.version : patchVersion(payload as StatePatch)}`;
      sent.push(`${[to].flat().join('+')}${except.length ? ` -${except.join(',')}` : ''} ${what}`);
    },
  };
  const enter = (member: FeedMember) => {
    const room = rooms.audience(member.roundtableId, member.audience);
    members.set(room, (members.get(room) ?? new Set()).add(member.id));
  };
  return { emitter, sent, enter };
}

const PUBLIC = rooms.audience('rt', 'public');
const phone = (id: string): FeedMember => ({ id, roundtableId: 'rt', audience: 'public' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function setUp() {
  const s = new Scenario();
  const fake = fakeEmitter();
  const feed = new RoomFeed(fake.emitter, () => []);
  const [a, b] = [phone('a'), phone('b')];
  for (const m of [a, b]) {
    fake.enter(m);
    feed.join(m, s.state);
  }
  return { s, feed, a, b, sent: fake.sent };
}

describe('the room feed', () => {
  it('sends a room a patch from the version it holds, once per change after a quiet window', async () => {
    const { s, feed, sent } = setUp();
    const base = s.state.version;
    s.do({ type: 'delegation.add', name: 'UNODC', defaultLanguage: null });
    feed.publish(s.state);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([`${PUBLIC} patch ${base + 1}`]);
  });

  it('coalesces the changes of one window into one send of the latest', async () => {
    const { s, feed, sent } = setUp();
    s.do({ type: 'delegation.add', name: 'UNODC', defaultLanguage: null });
    feed.publish(s.state);
    await vi.advanceTimersByTimeAsync(0);
    s.do({ type: 'delegation.add', name: 'Interpol', defaultLanguage: null });
    feed.publish(s.state);
    s.do({ type: 'delegation.add', name: 'UNDP', defaultLanguage: null });
    feed.publish(s.state);
    await vi.advanceTimersByTimeAsync(99);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.at(-1)).toBe(`${PUBLIC} patch ${s.state.version}`);
    expect(sent).toHaveLength(2);
  });

  it('gives the sender the new state before its ack, and leaves it out of the room’s patch it could not apply', async () => {
    const { s, feed, a, sent } = setUp();
    s.do({ type: 'delegation.add', name: 'UNODC', defaultLanguage: null });
    feed.publish(s.state);
    await vi.advanceTimersByTimeAsync(0);
    sent.length = 0;
    // Inside the window: the room waits, the sender does not.
    s.do({ type: 'delegation.add', name: 'Interpol', defaultLanguage: null });
    feed.publish(s.state);
    feed.senderAhead(a);
    expect(sent).toEqual([`a patch ${s.state.version}`]);
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([`a patch ${s.state.version}`, `${PUBLIC} -a patch ${s.state.version}`]);
  });

  it('sends the room’s copy before the ack when it is due now anyway, not the sender’s twice', async () => {
    const { s, feed, a, sent } = setUp();
    s.do({ type: 'delegation.add', name: 'UNODC', defaultLanguage: null });
    feed.publish(s.state);
    feed.senderAhead(a);
    expect(sent).toEqual([`${PUBLIC} patch ${s.state.version}`]);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(1);
  });

  it('a session joining while a send is pending holds the room’s base, which the pending patch fits', async () => {
    const { s, feed, sent } = setUp();
    const base = s.state.version;
    s.do({ type: 'delegation.add', name: 'UNODC', defaultLanguage: null });
    feed.publish(s.state);
    expect(feed.join(phone('c'), s.state).version).toBe(base);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([`${PUBLIC} patch ${base + 1}`]);
  });

  it('costs nothing for an audience room with nobody in it', async () => {
    const { s, feed, sent } = setUp();
    s.do({ type: 'delegation.add', name: 'UNODC', defaultLanguage: null });
    feed.publish(s.state);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.filter((line) => !line.startsWith(PUBLIC))).toEqual([]);
  });
});
