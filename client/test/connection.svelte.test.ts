import { flushSync } from 'svelte';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { AgendaItemFields } from '@roundtable/shared';
import { closeAll, connect, connected, createRoundtable, join, nextState, send } from '../../tests/support/clients';
import { useServer } from '../../tests/support/server';
import { RoundtableConnection } from '../src/lib/connection.svelte';
import { browserAt } from './support/browser';

const server = useServer();
const opened: RoundtableConnection[] = [];
beforeEach(() => void browserAt(server.current.url));
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
  closeAll();
  vi.unstubAllGlobals();
});

const ITEM: AgendaItemFields = {
  title: { en: 'Cyber threats' },
  notes: '',
  kind: 'discussion',
  plannedMinutes: 20,
  fixedStart: null,
  invitedSpeakers: [],
  speakingLimits: null,
  orderingPolicy: null,
};

function open(roundtableId: string, token: string): RoundtableConnection {
  const connection = new RoundtableConnection(roundtableId, token);
  opened.push(connection);
  return connection;
}

it('receives the state and who it is, then follows every change as patches', async () => {
  const rt = await createRoundtable(server.current.url);
  const phone = await join(server.current.url, rt.joinCode, 'Aigerim Seitkali');
  const connection = open(rt.roundtableId, phone.token);
  await expect.poll(() => connection.status).toBe('online');
  await expect.poll(() => connection.state?.participantCount).toBe(1);
  expect(connection.me).toMatchObject({ role: 'participant', participantId: phone.body.participantId });
  expect(connection.actor).toMatchObject({ kind: 'participant', participantId: phone.body.participantId });

  const moderator = connect(server.current.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const before = connection.state?.version ?? 0;
  await send(moderator, { type: 'roundtable.update', info: { venue: 'Almaty' } });
  await expect.poll(() => connection.state?.venue).toBe('Almaty');
  expect(connection.state?.version).toBe(before + 1);
});

it('sends a command made against the version on screen, or the one a form was opened at, and resolves with the ack', async () => {
  const rt = await createRoundtable(server.current.url);
  const connection = open(rt.roundtableId, rt.moderatorSecret);
  await expect.poll(() => connection.state).not.toBeNull();
  const ack = await connection.send({ type: 'delegation.add', name: 'Interpol', defaultLanguage: null });
  expect(ack).toMatchObject({ ok: true, version: expect.any(Number) });
  // The sender holds the new state by the time its ack arrives.
  expect(connection.state?.delegations.map((d) => d.name)).toContain('Interpol');

  const opened = connection.state?.version ?? 0;
  expect(await connection.send({ type: 'agenda.add', fields: ITEM })).toMatchObject({ ok: true });
  const itemId = connection.state?.agenda.at(-1)?.id ?? '';
  const edit = { type: 'agenda.update', itemId, fields: { plannedMinutes: 25 } } as const;
  expect(await connection.send(edit, opened)).toMatchObject({ ok: false, reason: 'item_changed' });
  expect(await connection.send(edit)).toMatchObject({ ok: true });
});

it('ends for good when the moderator removes the person, with the server’s reason', async () => {
  const rt = await createRoundtable(server.current.url);
  const phone = await join(server.current.url, rt.joinCode, 'Wrong Room');
  const connection = open(rt.roundtableId, phone.token);
  await expect.poll(() => connection.status).toBe('online');
  const moderator = connect(server.current.url, rt.roundtableId, rt.moderatorSecret);
  await nextState(moderator, (s) => s.participants.length === 1);
  await send(moderator, { type: 'participant.remove', participantId: phone.body.participantId });
  await expect.poll(() => connection.status).toBe('ended');
  expect(connection.ended).toMatchObject({ ok: false, code: 'unauthenticated', reason: 'removed' });
  expect(await connection.send({ type: 'queue.request', kind: 'speech', topic: '' })).toMatchObject({
    ok: false,
    reason: 'not_connected',
  });
});

it('ends at once on a key the server does not know, instead of retrying', async () => {
  const rt = await createRoundtable(server.current.url);
  const connection = open(rt.roundtableId, 'x'.repeat(22));
  await expect.poll(() => connection.status).toBe('ended');
  expect(connection.ended).toMatchObject({ code: 'unauthenticated', reason: 'unknown_key' });
});

it('gives every read the same set of who is online and the same actor until they change', async () => {
  const rt = await createRoundtable(server.current.url);
  const phone = await join(server.current.url, rt.joinCode, 'Online Person');
  const connection = open(rt.roundtableId, rt.moderatorSecret);
  await expect.poll(() => connection.status).toBe('online');
  open(rt.roundtableId, phone.token);
  await expect.poll(() => connection.online.has(phone.body.participantId)).toBe(true);
  // As a page reads them: inside an effect, where a getter that builds a new value on each read shows.
  const reads: unknown[][] = [];
  const stop = $effect.root(() => {
    $effect(() => void reads.push([connection.online, connection.online, connection.actor, connection.actor]));
  });
  flushSync();
  stop();
  const [[online, again, actor, actorAgain]] = reads as [[unknown, unknown, unknown, unknown]];
  expect(again).toBe(online);
  expect(actorAgain).toBe(actor);
});
