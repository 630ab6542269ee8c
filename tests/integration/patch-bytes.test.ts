import { beforeEach, expect, it } from 'vitest';
import { StatePatch, patchVersion, type StateView } from '@roundtable/shared';
import { connect, connected, join, send, startDemo, type TestSocket } from '../support/clients.js';
import { openRawSession, type RawSocket } from '../support/rawSocket.js';
import { useServer, type TestServer } from '../support/server.js';

// What each common change costs a phone on the wire: the exact `patch` frame an onlooking phone is
// sent (a raw socket, so nothing is re-encoded on the way), in bytes of UTF-8.
const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

/**
 * Bytes per change. Issue 14 asks 200 for each common change; all meet it. Measured, in the order
 * below: 146, 54, 189, 164, 131, 37, 172, 174. Before the envelope as a list without its version, a
 * kind, a language and a delegation as their places, and requests, people and places in the order by
 * letter and whole by place: 165, 69, 228, 179, 146, 52, 187, 211; before the envelope by letter,
 * values named once, whole floors by place and runs by position: 198, 81, 260, 267, 175, 64, 274. The
 * moderator's request is the largest: a person the phones did not know, whose entry and 36-letter
 * topic are 126 bytes of content alone. A poll started costs 192 (its 28-letter question and three options by
 * place; 333 with its keys named), a vote 65, its close 63.
 */
const BUDGET: Record<string, number> = {
  'request added (phone)': 200,
  'request withdrawn (phone)': 100,
  'request added (moderator)': 200,
  'floor given (next)': 200,
  'floor moves on (next)': 200,
  'floor ended': 80,
  'next agenda item': 200,
  'first request of an item (phone)': 200,
  'poll started': 200,
  'vote (phone)': 100,
  'poll closed': 100,
};

/** The patch a Socket.IO frame carries, if it carries one. */
function patchOf(frame: string): StatePatch | undefined {
  if (!frame.startsWith('42["patch",')) return undefined;
  return StatePatch.parse((JSON.parse(frame.slice(2)) as [string, unknown])[1]);
}

/** The version a frame brings: a whole state's or a patch's. */
function versionOf(frame: string): number | undefined {
  if (frame.startsWith('42["state",')) return (JSON.parse(frame.slice(2)) as [string, StateView])[1].version;
  const patch = patchOf(frame);
  return patch && patchVersion(patch);
}

/** Sends a command and resolves with the patch frame the onlooker is sent for its version. */
async function costOf(raw: RawSocket, socket: TestSocket, command: Record<string, unknown>): Promise<number> {
  const ack = await send(socket, command);
  if (!ack.ok) throw new Error(`${String(command.type)}: ${ack.message}`);
  const version = ack.version;
  const made = (p: StatePatch | undefined) => p !== undefined && patchVersion(p) === version;
  const frame = await raw.next((f) => made(patchOf(f)));
  // This change alone: the frame for the one before came first, so nothing is coalesced into this one.
  expect(patchOf(frame)?.[0], String(command.type)).toBe(version - 1);
  return Buffer.byteLength(frame);
}

/** The Astana demo on its first item with three people waiting, a moderator, two phones and an onlooker. */
async function room() {
  const demo = await startDemo(server.url);
  const moderator = connect(server.url, demo.roundtableId, demo.moderatorSecret);
  const state = await connected(moderator);
  const item = state.agenda[1];
  if (!item) throw new Error('demo without items');
  const settled = async (command: Record<string, unknown>) => {
    const ack = await send(moderator, command);
    expect(ack).toMatchObject({ ok: true });
    return ack.ok ? ack.version : 0;
  };
  await settled({ type: 'agenda.start', itemId: item.id });
  const asker = await join(server.url, demo.joinCode, 'Aigerim Bekova');
  const phone = connect(server.url, demo.roundtableId, asker.token);
  await connected(phone);
  const onlooker = await join(server.url, demo.joinCode, 'Dana Nurlanovna');
  const raw = await openRawSession(server.url, demo.roundtableId, onlooker.token);
  let last = 0;
  for (const p of state.participants.slice(3, 6)) {
    last = await settled({ type: 'queue.add', participantId: p.id, kind: 'speech', topic: 'Border data' });
  }
  // The onlooker holds the newest version before the first change is measured, so that one comes alone.
  await raw.next((f) => (versionOf(f) ?? 0) >= last);
  return { moderator, phone, raw, state: state as StateView };
}

it('costs an onlooking phone a few hundred bytes at most for each common change', async () => {
  const { moderator, phone, raw, state } = await room();
  const sizes: Record<string, number> = {};
  // Each change its own broadcast: the next command goes only once the onlooker holds this one's frame,
  // and a change inside the send window (window.ts) goes out alone when the window ends.
  const measure = async (name: string, socket: TestSocket, command: Record<string, unknown>) => {
    sizes[name] = await costOf(raw, socket, command);
  };
  await measure('request added (phone)', phone, { type: 'queue.request', kind: 'speech', topic: '' });
  const mine = phone.latest?.queue.requests.at(-1)?.id ?? '';
  await measure('request withdrawn (phone)', phone, { type: 'queue.withdraw', requestId: mine });
  const someone = state.participants[7]?.id ?? '';
  await measure('request added (moderator)', moderator, {
    type: 'queue.add',
    participantId: someone,
    kind: 'question',
    topic: 'Data sharing between border agencies',
  });
  await measure('floor given (next)', moderator, { type: 'floor.next', expectedSpeechId: null });
  const speaking = moderator.latest?.floor?.speechId ?? null;
  await measure('floor moves on (next)', moderator, { type: 'floor.next', expectedSpeechId: speaking });
  await measure('floor ended', moderator, { type: 'floor.end', speechId: moderator.latest?.floor?.speechId ?? '' });
  const next = state.agenda[2]?.id ?? '';
  await measure('next agenda item', moderator, { type: 'agenda.start', itemId: next });
  await measure('first request of an item (phone)', phone, { type: 'queue.request', kind: 'speech', topic: '' });
  await measure('poll started', moderator, {
    type: 'poll.start',
    setup: { question: 'Can we agree on this lesson?', preset: 'agreement' },
  });
  const pollId = moderator.latest?.polls.at(-1)?.id ?? '';
  await measure('vote (phone)', phone, { type: 'poll.vote', pollId, choices: [0] });
  await measure('poll closed', moderator, { type: 'poll.close', pollId });
  console.log('patch bytes per change to a phone', sizes);
  for (const [name, bytes] of Object.entries(sizes)) expect(bytes, name).toBeLessThanOrEqual(BUDGET[name] ?? 0);
});
