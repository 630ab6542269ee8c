import { beforeEach, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Command, CreateRoundtableResponse, SeriesResponse, StateView } from '@roundtable/shared';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  return closeDocuments;
});

const get = (path: string, key: string) =>
  fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${key}` } });

async function stateOf(id: string, key: string): Promise<StateView> {
  return (await (await get(`/roundtables/${id}`, key)).json()) as StateView;
}

async function run(id: string, key: string, command: Command) {
  const { version } = await stateOf(id, key);
  return post<{ ok: boolean; reason?: string }>(
    server.url,
    `/api/roundtables/${id}/commands`,
    { baseVersion: version, command },
    key,
  );
}

const AGENDA = [
  {
    title: { en: 'Opening remarks', ru: 'Вступительное слово', kk: 'Кіріспе сөз' },
    kind: 'opening',
    plannedMinutes: 20,
    invitedSpeakers: [{ name: 'Ruslan Bekov', function: 'Head of delegation', delegation: 'Europol' }],
  },
  { title: { en: 'Closing', ru: 'Закрытие', kk: 'Жабылу' }, kind: 'closing', plannedMinutes: 15 },
];

/** Writes a paragraph right under the heading that reads `heading`, as a rapporteur would. */
function writeUnder(doc: Y.Doc, heading: string, words: string) {
  const fragment = doc.getXmlFragment('default');
  const at = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.toString().includes(heading));
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, words);
  p.insert(0, [text]);
  fragment.insert(at + 1, [p]);
}

/** The refusals the server sends a document connection (our error message), by reason. */
function refusalsOf(provider: { messageHandlers: unknown[] }): string[] {
  const reasons: string[] = [];
  provider.messageHandlers[5] = (_encoder: unknown, decoder: decoding.Decoder) => {
    reasons.push((JSON.parse(decoding.readVarString(decoder)) as { reason: string }).reason);
  };
  return reasons;
}

const LESSON = 'Әріптестік: share watch lists across borders within a week.';

/** A roundtable that has been held: a participant joined, the lessons were written, both items ran. */
async function heldRoundtable() {
  const rt = await createRoundtable(server.url, { ...BASIC_ROUNDTABLE, agenda: AGENDA });
  const phone = await join(server.url, rt.joinCode, 'Ruslan Bekov');
  expect(phone.status).toBe(200);
  const writer = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await writer.synced;
  writeUnder(writer.doc, 'Key lessons learned', LESSON);
  writeUnder(writer.doc, 'Opening remarks', 'Not a lesson: the opening speeches.');
  const md = () => get(`/roundtables/${rt.roundtableId}/document.md`, rt.moderatorSecret).then((r) => r.text());
  await expect.poll(md).toContain(LESSON);
  const state = await stateOf(rt.roundtableId, rt.moderatorSecret);
  for (const item of state.agenda) {
    expect((await run(rt.roundtableId, rt.moderatorSecret, { type: 'agenda.start', itemId: item.id })).status).toBe(
      200,
    );
    expect((await run(rt.roundtableId, rt.moderatorSecret, { type: 'agenda.finish', itemId: item.id })).status).toBe(
      200,
    );
  }
  return { rt, phone, writer };
}

async function nextEdition(rt: CreateRoundtableResponse, key = rt.moderatorSecret) {
  return post<CreateRoundtableResponse & { reason?: string }>(
    server.url,
    `/api/roundtables/${rt.roundtableId}/editions`,
    { startsAt: '2027-12-02T09:30' },
    key,
  );
}

it('creates the next edition with the previous lessons, new secrets and nobody in it; the series lists both', async () => {
  const { rt, phone } = await heldRoundtable();
  const created = await nextEdition(rt);
  expect(created.status).toBe(201);
  const next = created.body;
  expect(next.roundtableId).not.toBe(rt.roundtableId);
  expect(next.joinCode).not.toBe(rt.joinCode);
  expect(next.moderatorSecret).not.toBe(rt.moderatorSecret);
  expect(next.moderatorUrl).toContain(`/r/${next.roundtableId}/moderate#key=`);
  // The old secrets open nothing in the new edition.
  expect((await get(`/roundtables/${next.roundtableId}`, rt.moderatorSecret)).status).toBe(401);
  expect((await get(`/roundtables/${next.roundtableId}`, phone.token)).status).toBe(401);

  const state = await stateOf(next.roundtableId, next.moderatorSecret);
  expect(state).toMatchObject({
    startsAt: '2027-12-02T09:30',
    timeZone: 'Asia/Almaty',
    venue: 'Astana',
    organisers: ['EU Delegation'],
    languages: ['en', 'ru', 'kk'],
    participants: [],
    speeches: [],
    endedAt: null,
    series: { id: rt.roundtableId, edition: 2, previousId: rt.roundtableId },
  });
  expect(state.delegations.map((d) => d.name)).toEqual(['Europol', 'Frontex']);
  expect(state.agenda.map((i) => [i.title.en, i.kind, i.plannedMinutes, i.status])).toEqual([
    ['Opening remarks', 'opening', 20, 'pending'],
    ['Closing', 'closing', 15, 'pending'],
  ]);
  expect(state.agenda[0]?.invitedSpeakers).toEqual([
    { name: 'Ruslan Bekov', function: 'Head of delegation', delegation: 'Europol' },
  ]);

  const md = await (await get(`/roundtables/${next.roundtableId}/document.md`, next.moderatorSecret)).text();
  expect(md).toBe(
    `## Follow-up on the previous edition\n\n${LESSON}\n\n## Opening remarks\n\n## Closing\n\n## Key lessons learned\n\n## Next steps\n`,
  );

  for (const key of [next.moderatorSecret, rt.moderatorSecret]) {
    const id = key === rt.moderatorSecret ? rt.roundtableId : next.roundtableId;
    const series = (await (await get(`/roundtables/${id}/series`, key)).json()) as SeriesResponse;
    expect(series.seriesId).toBe(rt.roundtableId);
    expect(series.editions.map((e) => [e.roundtableId, e.edition, e.participantCount, e.ended, e.current])).toEqual([
      [rt.roundtableId, 1, 1, false, id === rt.roundtableId],
      [next.roundtableId, 2, 0, false, id === next.roundtableId],
    ]);
  }
  // The new edition's moderator reads the previous edition's archive through the series, and nothing else of it.
  const series = (await (
    await get(`/roundtables/${next.roundtableId}/series`, next.moderatorSecret)
  ).json()) as SeriesResponse;
  const archive = series.editions[0]?.archive ?? '';
  const previousDoc = await fetch(`${server.url}${archive}document.md`, {
    headers: { authorization: `Bearer ${next.moderatorSecret}` },
  });
  expect(previousDoc.status).toBe(200);
  expect(await previousDoc.text()).toContain(LESSON);
  const other = await fetch(`${server.url}${archive}events`, {
    headers: { authorization: `Bearer ${next.moderatorSecret}` },
  });
  expect(other.status).toBe(404);
  const stranger = await createRoundtable(server.url);
  const outside = await get(
    `/roundtables/${next.roundtableId}/series/${stranger.roundtableId}/document.md`,
    next.moderatorSecret,
  );
  expect(outside.status).toBe(404);
  expect((await get(`/roundtables/${rt.roundtableId}/series`, phone.token)).status).toBe(403);
  expect((await nextEdition(rt, phone.token)).status).toBe(403);
  // One next edition per edition: a second press makes no second one.
  expect((await nextEdition(rt)).body.reason).toBe('next_edition_exists');
});

it('refuses commands and document writes once ended, still serves its exports, and reopens', async () => {
  const { rt, phone, writer } = await heldRoundtable();
  const ended = await run(rt.roundtableId, rt.moderatorSecret, { type: 'roundtable.end' });
  expect(ended.status).toBe(200);
  const refused = await run(rt.roundtableId, rt.moderatorSecret, {
    type: 'roundtable.update',
    info: { venue: 'Almaty' },
  });
  expect(refused).toMatchObject({ status: 409, body: { reason: 'roundtable_ended' } });
  const asking = await run(rt.roundtableId, phone.token, { type: 'queue.request', kind: 'speech', topic: '' });
  expect(asking.body.reason).toBe('roundtable_ended');

  // The editor open when it ended reopens read-only, told why; what anyone writes now is stored nowhere.
  const told = refusalsOf(writer.provider as never);
  await expect.poll(() => told[0]).toBe('roundtable_ended');
  const late = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  const lateTold = refusalsOf(late.provider as never);
  await late.synced;
  await expect.poll(() => lateTold[0]).toBe('roundtable_ended');
  const before = [told.length, lateTold.length] as const;
  writeUnder(late.doc, 'Next steps', 'Written after the end');
  writeUnder(writer.doc, 'Next steps', 'Also written after the end');
  // Each write is answered with the refusal, so both have reached the server before it restarts.
  await expect.poll(() => told.length > before[0] && lateTold.length > before[1]).toBe(true);
  expect(new Set([...told, ...lateTold])).toEqual(new Set(['roundtable_ended']));
  await server.restart();
  const md = await (await get(`/roundtables/${rt.roundtableId}/document.md`, rt.moderatorSecret)).text();
  expect(md).toContain(LESSON);
  expect(md).not.toContain('after the end');
  expect((await stateOf(rt.roundtableId, rt.moderatorSecret)).endedAt).toEqual(expect.any(Number));

  // A next edition is still made from it; then the moderator takes it up again.
  expect((await nextEdition(rt)).status).toBe(201);
  expect((await run(rt.roundtableId, rt.moderatorSecret, { type: 'roundtable.reopen' })).status).toBe(200);
  expect(
    (await run(rt.roundtableId, rt.moderatorSecret, { type: 'roundtable.update', info: { venue: 'Almaty' } })).status,
  ).toBe(200);
});
