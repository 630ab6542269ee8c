import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '@roundtable/shared';
import {
  closeAll,
  connect,
  connected,
  createRoundtable,
  join,
  post,
  send,
  type TestSocket,
} from '../support/clients.js';
import { openRawDocument } from '../support/documents.js';
import { openRaw, openRawSession, rawAsk, type RawSocket } from '../support/rawSocket.js';
import { startServer, useServer, type TestServer } from '../support/server.js';

/** An emit that lets a test pass any event name and any arguments, the ack last. */
const emitRaw = (socket: TestSocket, event: unknown, ...args: unknown[]) =>
  new Promise<CommandAck>((resolve) =>
    (socket.emit as unknown as (e: unknown, ...a: unknown[]) => void)(event, ...args, resolve),
  );

/** Resolves true once a connection is let in, false once it is turned away: for polling until a slot is free. */
const admitted = (ok: (done: () => void) => void, refused: (done: () => void) => void) =>
  new Promise<boolean>((resolve) => {
    ok(() => resolve(true));
    refused(() => resolve(false));
  });

const raws: RawSocket[] = [];
afterEach(() => {
  for (const raw of raws.splice(0)) raw.ws.terminate();
});
const tracked = async (raw: Promise<RawSocket>) => {
  const r = await raw;
  raws.push(r);
  return r;
};

/** The four ways into a roundtable: the moderator's link, a minted projector and rapporteur link, a phone. */
async function everyRole(server: TestServer) {
  const rt = await createRoundtable(server.url);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const mint = async (role: 'projector' | 'rapporteur') => {
    const ack = await send(moderator, { type: 'link.create', role, label: role });
    if (!ack.ok || !ack.result?.secret) throw new Error(`no ${role} link: ${JSON.stringify(ack)}`);
    return ack.result.secret;
  };
  const phone = await join(server.url, rt.joinCode, 'Aigerim');
  const keys = {
    moderator: rt.moderatorSecret,
    projector: await mint('projector'),
    rapporteur: await mint('rapporteur'),
    participant: phone.token,
  };
  return { rt, moderator, keys };
}

describe('inputs that used to stop the server', () => {
  const running = useServer();

  it('answers an event with a missing, numeric or unknown name from every role, and keeps serving', async () => {
    const server = running.current;
    const { rt, moderator, keys } = await everyRole(server);
    for (const [role, key] of Object.entries(keys)) {
      const raw = await tracked(openRawSession(server.url, rt.roundtableId, key));
      raw.send('42'); // an event packet with no payload at all
      raw.send('42[123,"x"]');
      expect(await rawAsk(raw, 1, 123, 'x'), role).toMatchObject({ ok: false, code: 'invalid' });
      expect(await rawAsk(raw, 2, 'no.such.event', {}), role).toMatchObject({
        ok: false,
        code: 'invalid',
        message: 'Unknown event “no.such.event”.',
      });
      expect(await rawAsk(raw, 3, 'clock'), role).toMatchObject({ now: expect.any(Number) });
    }
    expect(await emitRaw(moderator, 123)).toMatchObject({ ok: false, code: 'invalid', message: 'Unknown event 123.' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await send(moderator, { type: 'delegation.add', name: 'Interpol' })).toMatchObject({ ok: true });
  });

  it('refuses a command nested thousands of levels deep before anything walks it', async () => {
    const server = running.current;
    const rt = await createRoundtable(server.url);
    const raw = await tracked(openRawSession(server.url, rt.roundtableId, rt.moderatorSecret));
    const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    raw.send(`427["command",{"baseVersion":1,"command":${deep}}]`);
    const answer = JSON.parse((await raw.next((f) => f.startsWith('437['))).slice(3)) as unknown[];
    expect(answer[0]).toMatchObject({ ok: false, code: 'invalid', reason: 'too_deep' });
    raw.send(`428["sync",${'['.repeat(100_000)}${']'.repeat(100_000)}]`);
    const deeper = JSON.parse((await raw.next((f) => f.startsWith('438['))).slice(3)) as unknown[];
    expect(deeper[0]).toMatchObject({ ok: false, code: 'invalid' });
    expect(await rawAsk(raw, 9, 'sync', { since: 0 })).toMatchObject({ ok: true });
  });

  it('takes the ack from the last argument and refuses a wrong number of arguments', async () => {
    const server = running.current;
    const rt = await createRoundtable(server.url);
    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    await connected(moderator);
    const envelope = { baseVersion: 1, command: { type: 'joining.setLocked', locked: true } };
    expect(await emitRaw(moderator, 'command', envelope, 'extra')).toMatchObject({
      ok: false,
      code: 'invalid',
      message: '“command” takes one argument and an ack; it got 2.',
    });
    expect(await emitRaw(moderator, 'sync')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await emitRaw(moderator, 'clock', 'x')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await emitRaw(moderator, 'command', Buffer.from('binary'))).toMatchObject({
      ok: false,
      code: 'invalid',
      message: 'Binary data is not accepted in this message.',
    });
    expect(moderator.latest?.joinLocked).toBe(false);
    expect(await emitRaw(moderator, 'command', envelope)).toMatchObject({ ok: true });
    await expect.poll(() => moderator.latest?.joinLocked).toBe(true);
  });
});

describe('limits per person, per key and per address', () => {
  const servers: TestServer[] = [];
  const start = async (overrides: Parameters<typeof startServer>[0]) => {
    const server = await startServer(overrides);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    closeAll();
    for (const s of servers.splice(0)) await s.stop();
  });

  it('refuses a phone that sends commands too fast, politely, on every transport; others are not affected', async () => {
    const server = await start({ commandRateLimit: 5 });
    const rt = await createRoundtable(server.url);
    const fast = await join(server.url, rt.joinCode, 'Fast');
    const calm = await join(server.url, rt.joinCode, 'Calm');
    const phone = connect(server.url, rt.roundtableId, fast.token);
    const other = connect(server.url, rt.roundtableId, calm.token);
    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    await Promise.all([connected(phone), connected(other), connected(moderator)]);
    const acks: CommandAck[] = [];
    for (let i = 0; i < 6; i++) acks.push(await send(phone, { type: 'queue.setClosed', closed: true }));
    expect(acks.slice(0, 5).every((a) => !a.ok && a.code === 'forbidden')).toBe(true);
    expect(acks[5]).toMatchObject({
      ok: false,
      reason: 'rate_limited_commands',
      params: { seconds: expect.any(Number) },
    });
    const viaHttp = await post(
      server.url,
      `/api/roundtables/${rt.roundtableId}/commands`,
      { baseVersion: 1, command: { type: 'queue.setClosed', closed: true } },
      fast.token,
    );
    expect(viaHttp).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(await send(other, { type: 'queue.setClosed', closed: true })).toMatchObject({ code: 'forbidden' });
    expect(await send(moderator, { type: 'delegation.add', name: 'OSCE' })).toMatchObject({ ok: true });
  });

  it('turns away a stranger holding many unauthenticated connections, but not authenticated phones', async () => {
    const server = await start({ pendingConnectionsPerAddress: 3 });
    const rt = await createRoundtable(server.url);
    const idle = await Promise.all([1, 2, 3].map(() => tracked(openRaw(server.url))));
    await Promise.all(idle.map((r) => r.next((f) => f.startsWith('0{'))));
    await expect(openRaw(server.url)).rejects.toThrow(/Unexpected server response: 40[03]/);
    // One of them authenticates: it no longer counts against the address.
    idle[0]!.send(`40${JSON.stringify({ roundtableId: rt.roundtableId, token: rt.moderatorSecret })}`);
    await idle[0]!.next((f) => f.startsWith('40{'));
    await expect
      .poll(() =>
        openRaw(server.url).then(
          (r) => (raws.push(r), true),
          () => false,
        ),
      )
      .toBe(true);
    await expect(openRaw(server.url)).rejects.toThrow(/Unexpected server response/);
    idle[1]!.ws.terminate();
    await expect
      .poll(() =>
        openRaw(server.url).then(
          (r) => (raws.push(r), true),
          () => false,
        ),
      )
      .toBe(true);
  });

  it('closes a connection that never authenticates, and one that is slow to send its headers', async () => {
    const server = await start({ timeouts: { headersMs: 500, requestMs: 1_000, connectMs: 500 } });
    const idle = await tracked(openRaw(server.url));
    expect(await idle.closed).toBeGreaterThan(0);
    const net = await import('node:net');
    const { port } = new URL(server.url);
    const slow = net.connect(Number(port), '127.0.0.1');
    const ended = new Promise<string>((resolve) => {
      let got = '';
      slow.on('data', (d) => (got += d.toString()));
      slow.on('close', () => resolve(got));
    });
    slow.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    expect(await ended).toMatch(/^HTTP\/1.1 408/);
  });

  it('refuses more document connections with one key than it allows, with a code the editor retries on', async () => {
    const server = await start({ connectionsPerKey: 1 });
    const rt = await createRoundtable(server.url);
    // A link may hold five times as many as a device.
    const open = [1, 2, 3, 4, 5].map(() => openRawDocument(server.url, rt.roundtableId, rt.moderatorSecret));
    await Promise.all(open.map((ws) => new Promise((resolve) => ws.once('message', resolve))));
    const sixth = openRawDocument(server.url, rt.roundtableId, rt.moderatorSecret);
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      sixth.once('close', (c, r) => resolve([c, r.toString()])),
    );
    expect([code, reason]).toEqual([4529, '5 connections are already open with this key; close one first.']);
    open[0]!.close();
    await expect
      .poll(() => {
        const again = openRawDocument(server.url, rt.roundtableId, rt.moderatorSecret);
        return admitted(
          (done) => again.once('message', done),
          (done) => again.once('close', done),
        );
      })
      .toBe(true);
    for (const ws of open) ws.terminate();
  });

  it('refuses more connections with one key than it allows', async () => {
    const server = await start({ connectionsPerKey: 2 });
    const rt = await createRoundtable(server.url);
    const phone = await join(server.url, rt.joinCode, 'Tabs');
    const tabs = [1, 2].map(() => connect(server.url, rt.roundtableId, phone.token));
    await Promise.all(tabs.map(connected));
    const third = connect(server.url, rt.roundtableId, phone.token);
    const error = await new Promise<Error & { data?: unknown }>((resolve) => third.on('connect_error', resolve));
    expect(error.data).toMatchObject({ code: 'rate_limited', reason: 'too_many_connections', params: { max: 2 } });
    tabs[0]!.disconnect();
    await expect
      .poll(() => {
        const again = connect(server.url, rt.roundtableId, phone.token);
        return admitted(
          (done) => again.on('connect', done),
          (done) => again.on('connect_error', done),
        );
      })
      .toBe(true);
  });
});
