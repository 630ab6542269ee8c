import { beforeEach, expect, it } from 'vitest';
import { AgendaFile, exportAgenda, type StateView } from '@roundtable/shared';
import {
  BASIC_ROUNDTABLE,
  connect,
  connected,
  createRoundtable,
  join,
  nextState,
  send,
  type TestSocket,
} from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const invited = (s: StateView) => s.agenda[0]?.invitedSpeakers ?? [];

async function moderate(rt: { roundtableId: string; moderatorSecret: string }): Promise<TestSocket> {
  const socket = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(socket);
  return socket;
}

/** Last year's roundtable: an opening with two invited speakers, exported as the console does, through JSON. */
async function lastYear() {
  const rt = await createRoundtable(server.url);
  const ruslan = await join(server.url, rt.joinCode, 'Ruslan Bekov', undefined, { name: 'Europol' });
  const aigerim = await join(server.url, rt.joinCode, 'Aigerim Sultanova', undefined, { name: 'Frontex' });
  const moderator = await moderate(rt);
  const speakers = [ruslan.body.participantId, aigerim.body.participantId];
  const added = await send(moderator, {
    type: 'agenda.add',
    fields: { title: { en: 'Opening remarks' }, kind: 'opening', plannedMinutes: 20, invitedSpeakers: speakers },
  });
  expect(added).toMatchObject({ ok: true });
  const state = await nextState(moderator, (s) => s.agenda.length === 1);
  const file = AgendaFile.parse(JSON.parse(JSON.stringify(exportAgenda(state))));
  return { rt, moderator, speakers, file };
}

it('imports an agenda into another roundtable: present speakers matched, the others matched when they join', async () => {
  const { file } = await lastYear();
  const rt = await createRoundtable(server.url);
  const ruslan = await join(server.url, rt.joinCode, 'ruslan bekov', undefined, { name: 'europol' });
  const moderator = await moderate(rt);
  expect(await send(moderator, { type: 'agenda.import', items: file.agenda, mode: 'replace' })).toMatchObject({
    ok: true,
  });
  const imported = await nextState(moderator, (s) => s.agenda.length === 1);
  expect(invited(imported)).toEqual([
    ruslan.body.participantId,
    { name: 'Aigerim Sultanova', function: 'Expert', delegation: 'Frontex' },
  ]);

  // The placeholder is stored: it survives a restart.
  await server.restart();
  const again = await moderate(rt);
  expect(invited(again.latest!)[1]).toMatchObject({ name: 'Aigerim Sultanova' });

  const aigerim = await join(server.url, rt.joinCode, 'Aigerim Sultanova', undefined, { name: 'Frontex' });
  const matched = await nextState(again, (s) => invited(s).every((x) => typeof x === 'string'));
  expect(invited(matched)).toEqual([ruslan.body.participantId, aigerim.body.participantId]);

  expect(await send(again, { type: 'agenda.start', itemId: matched.agenda[0]?.id ?? '' })).toMatchObject({ ok: true });
  const started = await nextState(again, (s) => s.queue.requests.length === 2);
  expect(started.queue.requests.map((r) => [r.participantId, r.kind])).toEqual([
    [ruslan.body.participantId, 'opening'],
    [aigerim.body.participantId, 'opening'],
  ]);
});

it('creates a roundtable with an exported agenda, its invited speakers waiting by name', async () => {
  const { file } = await lastYear();
  const rt = await createRoundtable(server.url, { ...BASIC_ROUNDTABLE, agenda: file.agenda });
  const moderator = await moderate(rt);
  expect(invited(moderator.latest!)).toEqual(file.agenda[0]?.invitedSpeakers);
});

it('still imports an older file of roster ids into its own roundtable, and refuses it in another', async () => {
  const { moderator, speakers } = await lastYear();
  const old = {
    agenda: [{ title: { en: 'Opening remarks' }, kind: 'opening', plannedMinutes: 20, invitedSpeakers: speakers }],
  };
  const items = AgendaFile.parse(old).agenda;
  expect(await send(moderator, { type: 'agenda.import', items, mode: 'append' })).toMatchObject({ ok: true });
  expect((await nextState(moderator, (s) => s.agenda.length === 2)).agenda[1]?.invitedSpeakers).toEqual(speakers);
  const other = await moderate(await createRoundtable(server.url));
  expect(await send(other, { type: 'agenda.import', items, mode: 'append' })).toMatchObject({
    ok: false,
    code: 'not_found',
  });
});
