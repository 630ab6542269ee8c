/**
 * Bytes per change on the wire (issue 14): the Astana demo on our server, each common change made
 * once, and the exact `patch` frame a phone and the moderator's console are sent for it, read off a
 * raw WebSocket so nothing is re-encoded on the way. Seconds, not minutes.
 */
import WebSocket from 'ws';
import { patchVersion, type Command, type StatePatch } from '@roundtable/shared';
import { connectSocket, deviceToken, emitCommand, joinBody, type RoundtableSocket } from './lib/api.js';
import { startOurs } from './lib/servers.js';

export interface PatchBytesResult {
  /** Per kind of change: the bytes of the patch frame a phone and the moderator were sent. */
  changes: { change: string; phone: number; moderator: number }[];
}

/** The patch frames one connection is sent, read as Socket.IO frames over a plain WebSocket. */
async function listen(base: string, roundtableId: string, token: string) {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const frames: string[] = [];
  let wake = () => undefined as void;
  ws.on('message', (data) => {
    const frame = String(data);
    if (frame === '2') return ws.send('3');
    if (frame.startsWith('0{')) ws.send(`40${JSON.stringify({ roundtableId, token })}`);
    frames.push(frame);
    wake();
  });
  const next = async (match: (f: string) => boolean, timeoutMs = 5_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = frames.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(frames.slice(-3))}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  await next((f) => f.startsWith('42["state"'));
  // A patch frame is `42["patch",[f,d]]`, or `[f,d,v]` when it spans several versions.
  const made = (frame: string, version: number) =>
    frame.startsWith('42["patch",') &&
    patchVersion((JSON.parse(frame.slice(2)) as [string, StatePatch])[1]) === version;
  const patchFor = async (version: number) => Buffer.byteLength(await next((f) => made(f, version)));
  return { patchFor, close: () => ws.close() };
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

async function phoneOf(base: string, roundtableId: string, code: string, i: number) {
  const token = deviceToken();
  await post(`${base}/api/join`, joinBody(code, token, i));
  const holder = connectSocket(base, roundtableId, token);
  while (!holder.latest) await new Promise((resolve) => setTimeout(resolve, 20));
  return { token, holder };
}

export async function patchBytes(opts: { serverCpus: string | undefined }): Promise<PatchBytesResult> {
  const server = await startOurs({ cpus: opts.serverCpus });
  try {
    const base = server.url;
    const demo = await post<{ roundtableId: string; joinCode: string; moderatorSecret: string }>(
      `${base}/api/demo`,
      {},
    );
    const moderator = connectSocket(base, demo.roundtableId, demo.moderatorSecret);
    while (!moderator.latest) await new Promise((resolve) => setTimeout(resolve, 20));
    const state = moderator.latest;
    const ask = async (socket: RoundtableSocket, holder: { latest: typeof state | undefined }, cmd: Command) => {
      const ack = await emitCommand(socket, holder.latest?.version ?? 0, cmd);
      if (!ack.ok) throw new Error(`${cmd.type} failed: ${ack.message}`);
      return ack.version;
    };
    const item = state.agenda[1];
    if (!item) throw new Error('a demo without items');
    await ask(moderator.socket, moderator, { type: 'agenda.start', itemId: item.id });
    for (const p of state.participants.slice(3, 6))
      await ask(moderator.socket, moderator, {
        type: 'queue.add',
        participantId: p.id,
        kind: 'speech',
        topic: 'Border data',
      });
    const asker = await phoneOf(base, demo.roundtableId, demo.joinCode, 1);
    const onlooker = await listen(
      base,
      demo.roundtableId,
      (await phoneOf(base, demo.roundtableId, demo.joinCode, 2)).token,
    );
    const consoleFrames = await listen(base, demo.roundtableId, demo.moderatorSecret);
    const changes: PatchBytesResult['changes'] = [];
    const measure = async (change: string, who: 'phone' | 'moderator', cmd: () => Command) => {
      // Past the 100 ms broadcast window, so no change is coalesced with the one before.
      await new Promise((resolve) => setTimeout(resolve, 120));
      const holder = who === 'phone' ? asker.holder : moderator;
      const version = await ask(holder.socket, holder, cmd());
      changes.push({
        change,
        phone: await onlooker.patchFor(version),
        moderator: await consoleFrames.patchFor(version),
      });
    };
    await measure('request added (phone)', 'phone', () => ({ type: 'queue.request', kind: 'speech', topic: '' }));
    const mine = () => asker.holder.latest?.queue.requests.find((r) => r.topic === '')?.id ?? '';
    await measure('request withdrawn (phone)', 'phone', () => ({ type: 'queue.withdraw', requestId: mine() }));
    const topic = 'Data sharing between border agencies';
    const someone = state.participants[7]?.id ?? '';
    await measure('request added (moderator)', 'moderator', () => ({
      type: 'queue.add',
      participantId: someone,
      kind: 'question',
      topic,
    }));
    await measure('floor given (next)', 'moderator', () => ({ type: 'floor.next', expectedSpeechId: null }));
    const speaking = () => moderator.latest?.floor?.speechId ?? null;
    await measure('floor moves on (next)', 'moderator', () => ({ type: 'floor.next', expectedSpeechId: speaking() }));
    await measure('floor ended', 'moderator', () => ({ type: 'floor.end', speechId: speaking() ?? '' }));
    const next = state.agenda[2]?.id ?? '';
    await measure('next agenda item', 'moderator', () => ({ type: 'agenda.start', itemId: next }));
    await measure('first request of an item (phone)', 'phone', () => ({
      type: 'queue.request',
      kind: 'speech',
      topic: '',
    }));
    for (const c of [onlooker, consoleFrames]) c.close();
    for (const h of [moderator, asker.holder]) h.socket.close();
    return { changes };
  } finally {
    await server.stop();
  }
}
