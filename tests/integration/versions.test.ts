import { beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRoundtable, join } from '../support/clients.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  return closeDocuments;
});

const open = (roundtableId: string, key: string) => openDocument(server.url, roundtableId, key);

const api = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
  });

/** Writes a paragraph with bold Kazakh text after the first heading, as an editor would. */
function writeParagraph(doc: Y.Doc, words: string) {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, words, { bold: true });
  p.insert(0, [text]);
  doc.getXmlFragment('default').insert(1, [p]);
}

it('exports Kazakh and Russian text to Markdown and keeps it exactly', async () => {
  const rt = await createRoundtable(server.url, {
    title: { en: 'Roundtable' },
    description: '',
    startsAt: null,
    venue: '',
    organisers: [],
    languages: ['kk', 'ru'],
    agenda: [{ title: { kk: 'Шекараны қорғау', ru: 'Защита границ' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const writer = open(rt.roundtableId, rt.moderatorSecret);
  await writer.synced;
  writeParagraph(writer.doc, 'Әріптестік: Ғ Қ Ң Ө Ұ Ү Һ І — сотрудничество');
  await expect
    .poll(async () => (await api(`/roundtables/${rt.roundtableId}/document.md`, rt.moderatorSecret)).text())
    .toBe(
      '## Шекараны қорғау\n\n**Әріптестік: Ғ Қ Ң Ө Ұ Ү Һ І — сотрудничество**\n\n## Негізгі алынған сабақтар\n\n## Келесі қадамдар\n',
    );
});

it('saves a named version, restores it as a new change everyone receives, and lists it', async () => {
  const rt = await createRoundtable(server.url);
  const a = open(rt.roundtableId, rt.moderatorSecret);
  const b = open(rt.roundtableId, rt.moderatorSecret);
  await Promise.all([a.synced, b.synced]);
  writeParagraph(a.doc, 'Draft text');
  await expect.poll(() => b.doc.getXmlFragment('default').toString()).toContain('Draft text');
  const saved = await api(`/roundtables/${rt.roundtableId}/document/versions`, rt.moderatorSecret, {
    method: 'POST',
    body: JSON.stringify({ name: 'Draft for delegations’ review' }),
  });
  expect(saved.status).toBe(201);
  const version = (await saved.json()) as { id: string; name: string };
  expect(version.name).toBe('Draft for delegations’ review');

  a.doc.getXmlFragment('default').delete(0, a.doc.getXmlFragment('default').length);
  await expect.poll(() => b.doc.getXmlFragment('default').length).toBe(0);
  const view = (await (
    await api(`/roundtables/${rt.roundtableId}/document/versions/${version.id}`, rt.moderatorSecret)
  ).json()) as { markdown: string };
  expect(view.markdown).toContain('**Draft text**');

  const restored = await api(
    `/roundtables/${rt.roundtableId}/document/versions/${version.id}/restore`,
    rt.moderatorSecret,
    { method: 'POST' },
  );
  expect(restored.status).toBe(200);
  await expect.poll(() => b.doc.getXmlFragment('default').toString()).toContain('Draft text');
  expect(a.doc.getXmlFragment('default').toString()).toContain('Draft text');
  const list = (await (await api(`/roundtables/${rt.roundtableId}/document/versions`, rt.moderatorSecret)).json()) as {
    versions: { id: string }[];
  };
  expect(list.versions.map((v) => v.id)).toEqual([version.id]);
});

it('keeps the document and its versions from people who may not read or write it', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Participant');
  expect((await api(`/roundtables/${rt.roundtableId}/document.md`, p.token)).status).toBe(403);
  const save = await api(`/roundtables/${rt.roundtableId}/document/versions`, p.token, {
    method: 'POST',
    body: JSON.stringify({ name: 'x' }),
  });
  expect(save.status).toBe(403);
  const empty = await api(`/roundtables/${rt.roundtableId}/document/versions`, rt.moderatorSecret, {
    method: 'POST',
    body: JSON.stringify({ name: ' ' }),
  });
  expect(empty.status).toBe(400);
  expect((await api(`/roundtables/${rt.roundtableId}/document/versions/nope`, rt.moderatorSecret)).status).toBe(404);
});
