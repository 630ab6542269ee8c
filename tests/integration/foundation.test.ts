import { beforeEach, describe, expect, it } from 'vitest';
import type { StateView } from '@roundtable/shared';
import {
  BASIC_ROUNDTABLE,
  connect,
  connected,
  createRoundtable,
  join,
  nextState,
  post,
  send,
} from '../support/clients.js';
import { startServer, useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

describe('creating and joining', () => {
  it('shows a new participant to the moderator live, online', async () => {
    const rt = await createRoundtable(server.url);
    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    await connected(moderator);
    const presence = new Promise<string[]>((resolve) =>
      moderator.on('presence', (ids) => ids.length > 0 && resolve(ids)),
    );

    const joined = await join(server.url, rt.joinCode.toLowerCase(), 'Aigerim Seitkali', undefined, {
      name: 'Europol',
    });
    expect(joined.status).toBe(200);
    const state = await nextState(moderator, (s) => s.participants.length === 1);
    expect(state.participants[0]).toMatchObject({ name: 'Aigerim Seitkali', role: 'participant', status: 'active' });
    expect(state.delegations.find((d) => d.id === state.participants[0]?.delegationId)?.name).toBe('Europol');

    const phone = connect(server.url, rt.roundtableId, joined.token);
    await connected(phone);
    expect(await presence).toEqual([joined.body.participantId]);
  });

  it('keeps the identity of a device that joins or connects again', async () => {
    const rt = await createRoundtable(server.url);
    const first = await join(server.url, rt.joinCode, 'Pieter de Vries');
    const again = await join(server.url, rt.joinCode, 'Pieter de Vries', first.token);
    expect(again.body).toEqual({
      roundtableId: rt.roundtableId,
      participantId: first.body.participantId,
      rejoined: true,
      pending: false,
    });

    const phone = connect(server.url, rt.roundtableId, first.token);
    await connected(phone);
    expect(phone.me?.participantId).toBe(first.body.participantId);
    phone.disconnect();
    const back = connect(server.url, rt.roundtableId, first.token);
    await connected(back);
    expect(back.me?.participantId).toBe(first.body.participantId);

    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    expect((await connected(moderator)).participants).toHaveLength(1);
  });

  it('says plainly when a code is wrong, joining is locked, or attempts are too many', async () => {
    const rt = await createRoundtable(server.url);
    const wrong = await join(server.url, 'ZZZZZZ', 'Someone');
    expect(wrong.status).toBe(404);
    expect(wrong.body).toMatchObject({ reason: 'wrong_join_code', params: { code: 'ZZZZZZ' } });

    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    await connected(moderator);
    expect(await send(moderator, { type: 'joining.setLocked', locked: true })).toMatchObject({ ok: true });
    const locked = await join(server.url, rt.joinCode, 'Late Comer');
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ ok: false, code: 'joining_locked' });
    await nextState(moderator, (s) => s.joinLocked);
    expect(await send(moderator, { type: 'joining.setLocked', locked: false })).toMatchObject({ ok: true });
    expect((await join(server.url, rt.joinCode, 'Late Comer')).status).toBe(200);
  });

  it('rate-limits join attempts per address', async () => {
    await server.stop();
    server = running.current = await startServer({ joinRateLimit: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await join(server.url, 'AAAAAA', 'Guesser')).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it('counts every way of making a roundtable against one per-address limit', async () => {
    await server.stop();
    server = running.current = await startServer({ createRateLimit: 3 });
    const first = await createRoundtable(server.url);
    expect((await post(server.url, '/api/demo', {})).status).toBe(201);
    const edition = { startsAt: '2027-12-03T09:00' };
    expect(
      (await post(server.url, `/api/roundtables/${first.roundtableId}/editions`, edition, first.moderatorSecret))
        .status,
    ).toBe(201);
    // The fourth, whichever route it takes, is refused with its reason.
    const refused = await post<{ reason: string }>(server.url, '/api/roundtables', BASIC_ROUNDTABLE);
    expect(refused).toMatchObject({ status: 429, body: { reason: 'rate_limited_create' } });
    const again = await post<{ reason: string }>(
      server.url,
      `/api/roundtables/${first.roundtableId}/editions`,
      edition,
      first.moderatorSecret,
    );
    expect(again).toMatchObject({ status: 429, body: { reason: 'rate_limited_create' } });
  });
});

describe('permissions and the public view', () => {
  it("refuses a participant's moderator-only commands and changes nothing", async () => {
    const rt = await createRoundtable(server.url);
    const p = await join(server.url, rt.joinCode, 'Curious Participant');
    const phone = connect(server.url, rt.roundtableId, p.token);
    const before = await connected(phone);
    for (const command of [
      { type: 'joining.setLocked', locked: true },
      { type: 'link.create', role: 'moderator' },
      { type: 'participant.ban', participantId: p.body.participantId },
    ]) {
      expect(await send(phone, command)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    const after = await connected(moderator);
    expect(after.version).toBe(before.version);
    expect(after.links).toHaveLength(1);
  });

  it('never sends links or the roster to phones', async () => {
    const rt = await createRoundtable(server.url);
    await join(server.url, rt.joinCode, 'Other Person');
    const p = await join(server.url, rt.joinCode, 'Me Myself');
    const phone = connect(server.url, rt.roundtableId, p.token);
    const state: StateView = await connected(phone);
    expect(state.links).toEqual([]);
    expect(state.participants).toEqual([]);
    expect(state.participantCount).toBe(2);
  });
});
