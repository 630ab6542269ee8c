import { beforeEach, expect, it } from 'vitest';
import type { Failure, InvitationList, JoinResponse } from '@roundtable/shared';
import {
  connect,
  connected,
  createRoundtable,
  deviceToken,
  join,
  nextState,
  post,
  send,
  type TestSocket,
} from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const ended = (socket: TestSocket) => new Promise<Failure>((resolve) => socket.on('ended', resolve));

async function get<T>(path: string, key?: string): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(server.url + path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as T) : (undefined as T);
  return { status: res.status, body: json, text };
}

/** A roundtable with two invitees on its list; their personal links as the moderator's console gets them. */
async function withInvitees() {
  const rt = await createRoundtable(server.url);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const row = { function: 'Ambassador', language: 'kk', role: 'participant', email: '', note: '' };
  const invitees = [
    { ...row, name: 'Әлихан Бөкейхан', delegation: 'Kazakhstan', email: 'a@gov.kz' },
    { ...row, name: 'Наталья Иванова', delegation: 'Europol', language: 'ru' },
  ];
  expect(await send(moderator, { type: 'invitee.import', invitees })).toMatchObject({ ok: true });
  const state = await nextState(moderator, (s) => s.participants.length === 2);
  const [a, b] = state.participants.map((p) => p.id);
  const links = await get<InvitationList>(`/api/roundtables/${rt.roundtableId}/invitations`, rt.moderatorSecret);
  expect(links.status).toBe(200);
  const link = (id: string | undefined) => {
    const url = new URL(links.body.invitations.find((i) => i.participantId === id)?.url ?? '');
    return { url, key: new URLSearchParams(url.hash.slice(1)).get('key') ?? '' };
  };
  return { rt, moderator, a: a ?? '', b: b ?? '', link };
}

const claim = (roundtableId: string, participantId: string, key: string, token = deviceToken()) =>
  post<JoinResponse & Failure>(server.url, '/api/invitations/claim', {
    roundtableId,
    participantId,
    key,
    deviceToken: token,
  }).then((res) => ({ ...res, token }));

it('joins a phone as the invited person at once, and marks them arrived', async () => {
  const { rt, moderator, a, link } = await withInvitees();
  const { url, key } = link(a);
  expect(url.pathname).toBe(`/i/${rt.roundtableId}/${a}`);
  const phone = await claim(rt.roundtableId, a, key);
  expect(phone.status).toBe(200);
  expect(phone.body).toMatchObject({ roundtableId: rt.roundtableId, participantId: a, pending: false });
  const arrived = await nextState(moderator, (s) => s.participants.find((p) => p.id === a)?.status === 'active');
  expect(arrived.participants.find((p) => p.id === a)?.arrivedAt).toBeGreaterThan(0);
  const socket = connect(server.url, rt.roundtableId, phone.token);
  await connected(socket);
  expect(socket.me).toMatchObject({ participantId: a, role: 'participant' });
  // The same phone again is the same person, nothing new recorded.
  const again = await claim(rt.roundtableId, a, key, phone.token);
  expect(again.body).toMatchObject({ participantId: a, rejoined: true });
});

it('moves the person to a second phone and signs the first out, unless the invitation is locked', async () => {
  const { rt, moderator, a, b, link } = await withInvitees();
  const first = await claim(rt.roundtableId, a, link(a).key);
  const old = connect(server.url, rt.roundtableId, first.token);
  await connected(old);
  const told = ended(old);
  const second = await claim(rt.roundtableId, a, link(a).key);
  expect(second.status).toBe(200);
  expect(await told).toMatchObject({ reason: 'invitation_moved' });
  const back = connect(server.url, rt.roundtableId, first.token);
  expect(
    await new Promise<Failure>((resolve) => back.on('connect_error', (e) => resolve((e as { data: Failure }).data))),
  ).toMatchObject({
    reason: 'unknown_key',
  });

  expect(await send(moderator, { type: 'invitation.setLocked', participantId: b, locked: true })).toMatchObject({
    ok: true,
  });
  const kept = await claim(rt.roundtableId, b, link(b).key);
  expect(kept.status).toBe(200);
  const refused = await claim(rt.roundtableId, b, link(b).key);
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ reason: 'invitation_locked' });
});

it('refuses a re-issued link at once and accepts the new one', async () => {
  const { rt, moderator, a, link } = await withInvitees();
  const old = link(a).key;
  expect(await send(moderator, { type: 'invitation.reissue', participantId: a })).toMatchObject({ ok: true });
  const refused = await claim(rt.roundtableId, a, old);
  expect(refused.status).toBe(401);
  expect(refused.body).toMatchObject({ reason: 'invitation_invalid' });
  const fresh = await get<InvitationList>(`/api/roundtables/${rt.roundtableId}/invitations`, rt.moderatorSecret);
  const key = new URL(fresh.body.invitations.find((i) => i.participantId === a)?.url ?? '').hash.slice(5);
  expect(key).not.toBe(old);
  expect((await claim(rt.roundtableId, a, key)).status).toBe(200);
  // Someone else's id with this key, or a made-up key: the same refusal, telling nothing.
  const other = await claim(rt.roundtableId, 'nobody', key);
  expect(other.body).toMatchObject({ reason: 'invitation_invalid' });
  const forged = await claim(rt.roundtableId, a, 'A'.repeat(22));
  expect(forged.body).toMatchObject({ reason: 'invitation_invalid' });
});

it('refuses the join code by invitation only, and gives the links and the mail-merge file to the moderator and the desk only', async () => {
  const { rt, moderator, a } = await withInvitees();
  expect(await send(moderator, { type: 'joining.setInvitationOnly', only: true })).toMatchObject({ ok: true });
  const walkIn = await join(server.url, rt.joinCode, 'Walk In');
  expect(walkIn.status).toBe(423);
  expect(walkIn.body).toMatchObject({ reason: 'invitation_only' });
  const preview = await get<{ invitationOnly: boolean }>(`/api/join/${rt.joinCode}`);
  expect(preview.body.invitationOnly).toBe(true);

  const csv = await get<never>(`/api/roundtables/${rt.roundtableId}/invitations.csv`, rt.moderatorSecret);
  expect(csv.status).toBe(200);
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('name,function,delegation,language,email,link');
  expect(lines[1]).toMatch(
    new RegExp(`^Әлихан Бөкейхан,Ambassador,Kazakhstan,kk,a@gov.kz,http://[^,]+/i/${rt.roundtableId}/${a}#key=`),
  );

  const minted = await send(moderator, { type: 'link.create', role: 'desk', label: 'Door' });
  const desk = (minted as { result?: { secret?: string; url?: string } }).result;
  expect(desk?.url).toMatch(/\/r\/[^/]+\/desk#key=/);
  expect((await get(`/api/roundtables/${rt.roundtableId}/invitations`, desk?.secret)).status).toBe(200);
  const projector = (await send(moderator, { type: 'link.create', role: 'projector', label: '' })) as {
    result?: { secret?: string };
  };
  const forbidden = await get<Failure>(`/api/roundtables/${rt.roundtableId}/invitations.csv`, projector.result?.secret);
  expect(forbidden.status).toBe(403);
  expect(forbidden.body).toMatchObject({ reason: 'invitations_forbidden' });
  const phone = await claim(rt.roundtableId, a, 'x'.repeat(22));
  expect(phone.status).toBe(401);
});
