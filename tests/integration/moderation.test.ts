import { beforeEach, expect, it } from 'vitest';
import type { Failure, Me } from '@roundtable/shared';
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

const identity = (socket: ReturnType<typeof connect>, predicate: (me: Me) => boolean) =>
  new Promise<Me>((resolve) => {
    if (socket.me && predicate(socket.me)) return resolve(socket.me);
    socket.on('me', (me) => predicate(me) && resolve(me));
  });

/** A roundtable whose moderator banned Arman Karimov of Europol, with an agenda item open for requests. */
async function afterBan() {
  const rt = await createRoundtable(server.url);
  const banned = await join(server.url, rt.joinCode, 'Arman Karimov', undefined, { name: 'Europol' });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  await send(moderator, {
    type: 'agenda.add',
    fields: { title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 30 },
  });
  const itemId = (await nextState(moderator, (s) => s.agenda.length === 1)).agenda[0]?.id ?? '';
  expect(await send(moderator, { type: 'agenda.start', itemId })).toMatchObject({ ok: true });
  expect(await send(moderator, { type: 'participant.ban', participantId: banned.body.participantId })).toMatchObject({
    ok: true,
  });
  return { rt, moderator, banned };
}

it('holds a banned person joining from a new device until a moderator admits them', async () => {
  const { rt, moderator, banned } = await afterBan();
  const again = await join(server.url, rt.joinCode, '  ARMAN karimov ', undefined, { name: 'europol' });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ rejoined: false, pending: true });
  const id = again.body.participantId;
  expect(id).not.toBe(banned.body.participantId);
  const held = await nextState(moderator, (s) => s.participants.some((p) => p.id === id && p.status === 'pending'));
  expect(held.participantCount).toBe(0);

  const phone = connect(server.url, rt.roundtableId, again.token);
  await connected(phone);
  expect(phone.me).toMatchObject({ role: 'participant', participantId: id, pending: true });
  const ask = { type: 'queue.request', kind: 'speech', topic: '' } as const;
  expect(await send(phone, ask)).toMatchObject({ ok: false, code: 'forbidden' });

  expect(await send(moderator, { type: 'participant.readmit', participantId: id })).toMatchObject({ ok: true });
  await identity(phone, (me) => !me.pending);
  expect(await send(phone, ask)).toMatchObject({ ok: true });
  const asked = await nextState(moderator, (s) => s.queue.requests.some((r) => r.participantId === id));
  expect(asked.participants.find((p) => p.id === id)?.status).toBe('active');
  expect(asked.participantCount).toBe(1);
  // Anyone else's name is let in at once.
  expect((await join(server.url, rt.joinCode, 'Aigerim Seitkali', undefined, { name: 'Europol' })).body).toMatchObject({
    pending: false,
  });
});

it('ends a waiting phone’s session when the moderator refuses them with a ban', async () => {
  const { rt, moderator } = await afterBan();
  const again = await join(server.url, rt.joinCode, 'Arman Karimov', undefined, { name: 'Europol' });
  const phone = connect(server.url, rt.roundtableId, again.token);
  await connected(phone);
  const reason = ended(phone);
  await send(moderator, { type: 'participant.ban', participantId: again.body.participantId });
  expect(await reason).toMatchObject({ code: 'banned' });
  expect((await join(server.url, rt.joinCode, 'Arman Karimov', again.token)).body).toMatchObject({ code: 'banned' });
});

it('lets a removed participant come back as themselves', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Wrong Room');
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const phone = connect(server.url, rt.roundtableId, p.token);
  await Promise.all([connected(moderator), connected(phone)]);
  const reason = ended(phone);
  await send(moderator, { type: 'participant.remove', participantId: p.body.participantId });
  expect(await reason).toMatchObject({ code: 'unauthenticated', reason: 'removed' });
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
  expect(await reason).toMatchObject({ code: 'unauthenticated', reason: 'link_revoked' });
  const refused = connect(server.url, rt.roundtableId, ack.result.secret);
  const error = await new Promise<Error & { data?: unknown }>((resolve) => refused.on('connect_error', resolve));
  expect(error.data).toMatchObject({ code: 'unauthenticated', reason: 'link_revoked' });
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
