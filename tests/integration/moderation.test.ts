import { beforeEach, expect, it } from 'vitest';
import type { Failure } from '@roundtable/shared';
import { closeAll, connect, connected, createRoundtable, join, nextState, send } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const ended = (socket: ReturnType<typeof connect>) => new Promise<Failure>((resolve) => socket.on('ended', resolve));
const disconnected = (socket: ReturnType<typeof connect>) =>
  new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));

it('ends a banned participant’s session at once and keeps that device out', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Troublemaker');
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const phone = connect(server.url, rt.roundtableId, p.token);
  await Promise.all([connected(moderator), connected(phone)]);
  const [reason, gone] = [ended(phone), disconnected(phone)];
  expect(await send(moderator, { type: 'participant.ban', participantId: p.body.participantId })).toMatchObject({
    ok: true,
  });
  expect(await reason).toMatchObject({ code: 'banned' });
  await gone;
  const again = await join(server.url, rt.joinCode, 'Troublemaker', p.token);
  expect(again.status).toBe(403);
  expect(again.body).toMatchObject({ ok: false, code: 'banned' });
});

it('lets a removed participant come back as themselves', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Wrong Room');
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const phone = connect(server.url, rt.roundtableId, p.token);
  await Promise.all([connected(moderator), connected(phone)]);
  const reason = ended(phone);
  await send(moderator, { type: 'participant.remove', participantId: p.body.participantId });
  expect(await reason).toMatchObject({ code: 'unauthenticated' });
  const back = await join(server.url, rt.joinCode, 'Right Room', p.token);
  expect(back.body).toMatchObject({ participantId: p.body.participantId, rejoined: true });
  const state = await nextState(
    moderator,
    (s) => s.participants[0]?.status === 'active' && s.participants[0]?.name === 'Right Room',
  );
  expect(state.participants).toHaveLength(1);
});

it('gives a new role to open connections at once', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Arman Karimov');
  await join(server.url, rt.joinCode, 'Someone Else');
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const phone = connect(server.url, rt.roundtableId, p.token);
  await Promise.all([connected(moderator), connected(phone)]);
  expect(phone.latest?.participants).toEqual([]);
  await send(moderator, { type: 'participant.setRole', participantId: p.body.participantId, role: 'rapporteur' });
  await nextState(phone, (s) => s.participants.length === 2);
  expect(phone.me?.role).toBe('rapporteur');
});

it('mints links that work for their role and revokes them', async () => {
  const rt = await createRoundtable(server.url);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const ack = await send(moderator, { type: 'link.create', role: 'projector', label: 'Hall A' });
  if (!ack.ok || !ack.result?.secret || !ack.result.linkId) throw new Error('no secret');
  expect(ack.result.url).toContain(`/r/${rt.roundtableId}/projector#key=`);
  const projector = connect(server.url, rt.roundtableId, ack.result.secret);
  await connected(projector);
  expect(projector.me).toMatchObject({ role: 'projector', linkId: ack.result.linkId });
  expect(await send(projector, { type: 'joining.setLocked', locked: true })).toMatchObject({ code: 'forbidden' });

  const reason = ended(projector);
  expect(await send(moderator, { type: 'link.revoke', linkId: ack.result.linkId })).toMatchObject({ ok: true });
  expect(await reason).toMatchObject({ code: 'unauthenticated' });
  const refused = connect(server.url, rt.roundtableId, ack.result.secret);
  const error = await new Promise<Error>((resolve) => refused.on('connect_error', resolve));
  expect(error.message).toMatch(/^unauthenticated: .*revoked/);
});

it('keeps everything across a restart from the same data directory', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Sofia Marin', undefined, { name: 'Frontex' });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const rapporteur = await send(moderator, { type: 'link.create', role: 'rapporteur', label: '' });
  const before = await nextState(moderator, (s) => s.links.length === 2);
  closeAll();

  await server.restart();
  const again = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const after = await connected(again);
  expect(after).toEqual(before);
  const phone = connect(server.url, rt.roundtableId, p.token);
  await connected(phone);
  expect(phone.me?.participantId).toBe(p.body.participantId);
  if (!rapporteur.ok || !rapporteur.result?.secret) throw new Error('no rapporteur secret');
  const r = connect(server.url, rt.roundtableId, rapporteur.result.secret);
  await connected(r);
  expect(r.me?.role).toBe('rapporteur');
  expect((await join(server.url, rt.joinCode, 'New After Restart')).status).toBe(200);
});
