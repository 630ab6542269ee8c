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

/** Distinctive words of the speaker's remarks: no byte of them may reach a phone or the projector. */
const SECRET = 'Позвольте поблагодарить организаторов';
const TEXT = `Уважаемые коллеги!\n\n${SECRET} за приглашение. Ниже — три предложения по обмену данными.`;

/** Every state and patch a socket receives, as the bytes of JSON it was sent in. */
function recordRaw(socket: TestSocket): string[] {
  const seen: string[] = [];
  socket.on('state', (s) => seen.push(JSON.stringify(s)));
  socket.on('patch', (p) => seen.push(JSON.stringify(p)));
  return seen;
}

async function mint(moderator: TestSocket, role: 'booth' | 'projector'): Promise<string> {
  const ack = await send(moderator, { type: 'link.create', role, label: role });
  if (!ack.ok || !ack.result?.url) throw new Error(`no ${role} link: ${JSON.stringify(ack)}`);
  const url = new URL(ack.result.url);
  expect(url.pathname.endsWith(`/${role}`)).toBe(true);
  return new URLSearchParams(url.hash.slice(1)).get('key') ?? '';
}

it('sends an invited speaker’s advance text to the booth link and to no participant’s or projector’s socket', async () => {
  const rt = await createRoundtable(server.url);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const row = { function: 'Ambassador', delegation: 'Europol', email: '', note: '' };
  const invitees = [{ ...row, name: 'Наталья Иванова', language: 'ru', role: 'speaker' }];
  expect(await send(moderator, { type: 'invitee.import', invitees })).toMatchObject({ ok: true });
  const { participants } = await nextState(moderator, (s) => s.participants.length === 1);
  const speakerId = participants[0]?.id ?? '';

  // The speaker's phone takes up their personal invitation, as the console's list gives it.
  const list = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/invitations`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json() as Promise<InvitationList>);
  const invitation = new URL(list.invitations.find((i) => i.participantId === speakerId)?.url ?? '');
  const key = new URLSearchParams(invitation.hash.slice(1)).get('key') ?? '';
  const token = deviceToken();
  const claimed = await post<ClaimResponse>(server.url, '/api/invitations/claim', {
    roundtableId: rt.roundtableId,
    participantId: speakerId,
    key,
    deviceToken: token,
  });
  expect(claimed.status).toBe(200);
  const speakerPhone = connect(server.url, rt.roundtableId, token);
  const speakerSeen = recordRaw(speakerPhone);

  const booth = connect(server.url, rt.roundtableId, await mint(moderator, 'booth'));
  const projector = connect(server.url, rt.roundtableId, await mint(moderator, 'projector'));
  const listener = await join(server.url, rt.joinCode, 'Ruslan Bekov');
  const phone = connect(server.url, rt.roundtableId, listener.token);
  const [projectorSeen, phoneSeen] = [recordRaw(projector), recordRaw(phone)];
  const boothPresence: unknown[] = [];
  booth.on('presence', (p) => boothPresence.push(p));
  await Promise.all([booth, projector, phone, speakerPhone].map(connected));
  expect(booth.me).toMatchObject({ role: 'booth', linkId: expect.any(String) });

  // The phone knows its person is an invited speaker (the room's view names them), and sends the text.
  expect(speakerPhone.latest?.participants.find((p) => p.id === speakerId)?.speaker).toBe(true);
  expect(await send(speakerPhone, { type: 'remarks.submit', language: 'ru', text: TEXT })).toMatchObject({ ok: true });
  const seen = await nextState(booth, (s) => s.remarks.length === 1);
  expect(seen.remarks[0]).toMatchObject({ participantId: speakerId, language: 'ru', text: TEXT });
  expect((await nextState(moderator, (s) => s.remarks.length === 1)).remarks[0]?.text).toBe(TEXT);

  // The floor goes to the speaker: a version every socket receives, after the text was sent.
  const floor = { type: 'floor.give', participantId: speakerId, kind: 'speech', expectedSpeechId: null } as const;
  expect(await send(moderator, floor)).toMatchObject({ ok: true });
  const given = (s: { floor: { participantId: string } | null }) => s.floor?.participantId === speakerId;
  for (const socket of [projector, phone, speakerPhone, booth]) await nextState(socket, given);
  expect(booth.latest?.remarks[0]?.text).toBe(TEXT);
  for (const socket of [projector, phone, speakerPhone]) expect(socket.latest?.remarks).toEqual([]);
  for (const raw of [projectorSeen, phoneSeen, speakerSeen]) {
    expect(raw.length).toBeGreaterThan(1);
    expect(raw.join('\n')).not.toContain(SECRET);
  }

  // The booth only reads: it may send nothing, and is not told who is online.
  const refused = (await send(booth, {
    type: 'remarks.set',
    participantId: speakerId,
    language: 'en',
    text: 'x',
  })) as Failure;
  expect(refused).toMatchObject({ ok: false, reason: 'role_forbidden' });
  expect(await send(booth, { type: 'queue.request', kind: 'speech', topic: '' })).toMatchObject({ ok: false });
  expect(boothPresence).toEqual([]);

  // A text at the limit goes through: 20,000 Cyrillic characters are 40,000 bytes on the wire.
  const longest = 'Ж'.repeat(20_000);
  expect(await send(speakerPhone, { type: 'remarks.submit', language: 'ru', text: longest })).toMatchObject({
    ok: true,
  });
  await nextState(booth, (s) => s.remarks[0]?.text === longest);
  const over = await send(speakerPhone, { type: 'remarks.submit', language: 'ru', text: `${longest}Ж` });
  expect(over).toMatchObject({ ok: false, code: 'invalid' });

  // Withdrawn, it leaves the booth too.
  expect(await send(speakerPhone, { type: 'remarks.submit', language: 'ru', text: '' })).toMatchObject({ ok: true });
  await nextState(booth, (s) => s.remarks.length === 0);
});

it('refuses the remarks of a person not invited to speak, in their language', async () => {
  const rt = await createRoundtable(server.url);
  const listener = await join(server.url, rt.joinCode, 'Ruslan Bekov');
  const phone = connect(server.url, rt.roundtableId, listener.token);
  await connected(phone);
  const ack = await send(phone, { type: 'remarks.submit', language: 'en', text: 'Dear colleagues' });
  expect(ack).toMatchObject({ ok: false, reason: 'remarks_not_speaker', code: 'forbidden' });
});
