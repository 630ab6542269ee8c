import { beforeEach, expect, it } from 'vitest';
import type { InvitationList } from '@roundtable/shared';
import {
  BASIC_ROUNDTABLE,
  closeAll,
  connect,
  connected,
  createRoundtable,
  deviceToken,
  join,
  post,
  send,
} from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

// The routes and commands of the weeks before the event (invitees, invitations, the desk, the booth,
// personal data), tried as a stranger would: wrong types, deep nesting, huge bodies, the wrong role,
// another roundtable's ids. Every answer is a failure with a reason, and the server still serves.

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  return () => closeAll();
});

const deep = (levels: number): unknown => (levels === 0 ? 'x' : { a: deep(levels - 1) });
const auth = (key?: string): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
const get = (path: string, key?: string) => fetch(`${server.url}/api${path}`, { headers: auth(key) });
const upload = (path: string, body: string | Uint8Array, key?: string) =>
  fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: auth(key),
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

it('refuses a claim of the wrong shape, too deep, too large, or with another roundtable’s person or key', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const other = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const row = {
    name: 'Dana Omarova',
    function: '',
    delegation: '',
    language: 'en',
    role: 'participant',
    email: '',
    note: '',
  };
  await send(moderator, { type: 'invitee.import', invitees: [row] });
  const links = (await (
    await get(`/roundtables/${rt.roundtableId}/invitations`, rt.moderatorSecret)
  ).json()) as InvitationList;
  const [own] = links.invitations;
  const key = new URL(own?.url ?? '').hash.slice(5);
  const valid = { roundtableId: rt.roundtableId, participantId: own?.participantId, key, deviceToken: deviceToken() };
  const wrong = [
    { ...valid, key: 7 },
    { ...valid, deviceToken: 'short' },
    { ...valid, extra: true },
    { ...valid, participantId: deep(100) },
    [],
    'null',
  ];
  for (const body of wrong) {
    const answer = await post<{ ok: boolean; reason: string }>(server.url, '/api/invitations/claim', body);
    expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, reason: expect.any(String) });
  }
  const huge = JSON.stringify({ ...valid, key: 'k'.repeat(2_000_000) });
  expect((await post(server.url, '/api/invitations/claim', huge)).status).toBe(413);
  // The person and key of this roundtable mean nothing in another.
  const elsewhere = await post(server.url, '/api/invitations/claim', { ...valid, roundtableId: other.roundtableId });
  expect(elsewhere).toMatchObject({ status: 401, body: { reason: 'invitation_invalid' } });
  expect((await post(server.url, '/api/invitations/claim', valid)).status).toBe(200);
});

it('refuses the list, the preview, the import and the personal data to the wrong key, and garbage files clearly', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const other = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const phone = await join(server.url, rt.joinCode, 'Stranger');
  const base = `/roundtables/${rt.roundtableId}`;
  for (const key of [undefined, phone.token, other.moderatorSecret]) {
    for (const path of ['/invitations', '/invitations.csv', '/invitees.csv', '/invitees.xlsx', '/personal-data.json']) {
      const status = (await get(base + path, key)).status;
      expect([401, 403], `${path} with ${key === undefined ? 'no key' : 'a wrong key'}`).toContain(status);
    }
    expect([401, 403]).toContain((await upload(`${base}/invitees/preview`, 'Name\nDana', key)).status);
    expect([401, 403]).toContain((await upload(`${base}/invitees/import?expect=1`, 'Name\nDana', key)).status);
  }
  const garbage: [string, string | Uint8Array][] = [
    ['preview?format=xlsx', 'not a zip'],
    ['preview?format=pdf', 'Name\nDana'],
    ['preview?format=csv', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])],
    ['preview', ''],
    ['import?expect=abc', 'Name\nDana'],
    ['import?expect=-1', 'Name\nDana'],
    ['import', 'Name\nDana'],
  ];
  for (const [path, body] of garbage) {
    const res = await upload(`${base}/invitees/${path}`, body, rt.moderatorSecret);
    expect(res.status, path).toBeGreaterThanOrEqual(400);
    expect(await res.json(), path).toMatchObject({ ok: false, reason: expect.any(String) });
  }
  expect((await upload(`${base}/invitees/import?expect=1`, 'Name\nDana', rt.moderatorSecret)).status).toBe(200);
});

it('refuses the new commands of the wrong shape, from the wrong role, or naming another roundtable’s people', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const other = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const stranger = await join(server.url, other.joinCode, 'Elsewhere');
  const phone = await join(server.url, rt.joinCode, 'Stranger');
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const participant = connect(server.url, rt.roundtableId, phone.token);
  await Promise.all([connected(moderator), connected(participant)]);
  const elsewhere = stranger.body.participantId;
  const shapes = [
    { type: 'invitee.import', invitees: [] },
    { type: 'invitee.import', invitees: [{ name: 'x', language: 'xx' }] },
    { type: 'invitee.import', invitees: Array.from({ length: 5001 }, () => ({ name: 'x', language: 'en' })) },
    { type: 'invitation.reissue', participantId: elsewhere },
    { type: 'invitation.setLocked', participantId: elsewhere, locked: 'yes' },
    { type: 'participant.setArrived', participantId: elsewhere, arrived: true },
    { type: 'remarks.set', participantId: elsewhere, language: 'en', text: 'x' },
    { type: 'remarks.set', participantId: phone.body.participantId, language: 'en', text: 'x'.repeat(20_001) },
    { type: 'roundtable.setRetention', days: -3 },
    { type: 'joining.setInvitationOnly', only: deep(40) },
  ];
  for (const command of shapes) {
    expect(await send(moderator, command as never), command.type).toMatchObject({ ok: false });
  }
  for (const command of [
    { type: 'joining.setInvitationOnly', only: true },
    { type: 'roundtable.erasePersonalData' },
    { type: 'participant.setArrived', participantId: phone.body.participantId, arrived: true },
    { type: 'remarks.submit', language: 'en', text: 'Not a speaker' },
    { type: 'participant.forget', participantId: elsewhere },
  ]) {
    expect(await send(participant, command as never), command.type).toMatchObject({ ok: false });
  }
  const state = await connected(connect(server.url, rt.roundtableId, rt.moderatorSecret));
  expect(state).toMatchObject({ invitationOnly: false, personalDataErasedAt: null, remarks: [] });
  expect(state.participants.map((p) => p.name)).toEqual(['Stranger']);
});

it('keeps a printed invitation working after the server is restarted: its key is in the store, not in memory', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const row = {
    name: 'Dana Omarova',
    function: '',
    delegation: '',
    language: 'en',
    role: 'participant',
    email: '',
    note: '',
  };
  await send(moderator, { type: 'invitee.import', invitees: [row] });
  const list = async () =>
    ((await (await get(`/roundtables/${rt.roundtableId}/invitations`, rt.moderatorSecret)).json()) as InvitationList)
      .invitations;
  const before = await list();
  closeAll();
  await server.restart();
  // The first request may meet a keep-alive connection the old server closed.
  await expect.poll(async () => (await list().catch(() => []))[0]?.url).toBe(before[0]?.url);
  const key = new URL(before[0]?.url ?? '').hash.slice(5);
  const claim = {
    roundtableId: rt.roundtableId,
    participantId: before[0]?.participantId,
    key,
    deviceToken: deviceToken(),
  };
  expect((await post(server.url, '/api/invitations/claim', claim)).status).toBe(200);
});
