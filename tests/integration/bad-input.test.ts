import { beforeEach, expect, it } from 'vitest';
import type { CommandAck } from '@roundtable/shared';
import { connect, connected, createRoundtable, post, send, type TestSocket } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const raw = (socket: TestSocket, event: string, ...args: unknown[]) =>
  new Promise<CommandAck>((resolve) => (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, resolve));

it('answers malformed, oversized and unknown socket messages with clear errors and stays up', async () => {
  const rt = await createRoundtable(server.url);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  for (const garbage of [
    'hello',
    42,
    null,
    { command: { type: 'nope' } },
    { baseVersion: 'x', command: { type: 'joining.setLocked', locked: 'yes' } },
  ]) {
    const ack = await raw(moderator, 'command', garbage);
    expect(ack).toMatchObject({ ok: false, code: 'invalid' });
    expect(ack).toMatchObject({ reason: 'invalid_command', params: { details: expect.any(String) } });
  }
  const huge = await send(moderator, { type: 'delegation.add', name: 'x'.repeat(100_000) });
  expect(huge).toMatchObject({ ok: false, code: 'too_large' });
  expect(await raw(moderator, 'no.such.event', {})).toMatchObject({ ok: false, code: 'invalid' });
  (moderator.emit as (e: string, ...a: unknown[]) => void)('command', {
    baseVersion: 1,
    command: { type: 'joining.setLocked', locked: true },
  });
  await expect.poll(() => moderator.latest?.joinLocked).toBe(true);

  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(await send(moderator, { type: 'delegation.add', name: 'Interpol' })).toMatchObject({ ok: true });
});

it('answers malformed and oversized HTTP bodies and missing keys with clear errors', async () => {
  const rt = await createRoundtable(server.url);
  const invalidJson = await post(server.url, '/api/join', '{not json');
  expect(invalidJson).toMatchObject({ status: 400, body: { ok: false, code: 'invalid' } });
  const big = await post(server.url, '/api/roundtables', { title: { en: 'x'.repeat(300_000) } });
  expect(big).toMatchObject({ status: 413, body: { code: 'too_large' } });
  const noKey = await post(server.url, `/api/roundtables/${rt.roundtableId}/commands`, {
    baseVersion: 1,
    command: { type: 'joining.setLocked', locked: true },
  });
  expect(noKey).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
  const badCreate = await post<{ message: string }>(server.url, '/api/roundtables', { title: {}, languages: [] });
  expect(badCreate.status).toBe(400);
  expect(badCreate.body.message).toMatch(/title|languages/);
  const viaHttp = await post(
    server.url,
    `/api/roundtables/${rt.roundtableId}/commands`,
    { baseVersion: 1, command: { type: 'delegation.add', name: 'UNODC' } },
    rt.moderatorSecret,
  );
  expect(viaHttp).toMatchObject({ status: 200, body: { ok: true, version: 2 } });
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});

it('refuses a connection without a valid key', async () => {
  const rt = await createRoundtable(server.url);
  const stranger = connect(server.url, rt.roundtableId, 'AAAAAAAAAAAAAAAAAAAAAA');
  const error = await new Promise<Error & { data?: unknown }>((resolve) => stranger.on('connect_error', resolve));
  expect(error.data).toMatchObject({ ok: false, code: 'unauthenticated', reason: 'unknown_key' });
});
