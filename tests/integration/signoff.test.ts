import { beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SeriesResponse, StateView } from '@roundtable/shared';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { docxText, pdfText } from '../support/exportText.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  return closeDocuments;
});

const HOUR = 3_600_000;
const DRAFT = 'Border agencies share watch lists within a week of a new alert.';

const api = (id: string, path: string, key: string) =>
  fetch(`${server.url}/api/roundtables/${id}/${path}`, { headers: { authorization: `Bearer ${key}` } });
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

async function command(id: string, key: string, cmd: object) {
  const { version } = (await (await api(id, '', key)).json()) as StateView;
  return (
    await post<{ ok: boolean }>(
      server.url,
      `/api/roundtables/${id}/commands`,
      { baseVersion: version, command: cmd },
      key,
    )
  ).body;
}

/** Every export that carries the sign-off, as text: the minutes and the outcome document, each format. */
async function exportsOf(id: string, key: string, lang: string) {
  const q = `?lang=${lang}`;
  return {
    'minutes.md': await (await api(id, `minutes.md${q}`, key)).text(),
    'minutes.docx': docxText(await bytes(await api(id, `minutes.docx${q}`, key))),
    'minutes.pdf': await pdfText(await bytes(await api(id, `minutes.pdf${q}`, key))),
    'document.md': await (await api(id, `document.md${q}`, key)).text(),
    'document.docx': docxText(await bytes(await api(id, `document.docx${q}`, key))),
    'document.pdf': await pdfText(await bytes(await api(id, `document.pdf${q}`, key))),
  };
}

/**
 * A roundtable of three delegations under review: Europol endorses every section, Frontex objects to one,
 * OSCE never answers.
 */
async function underReview() {
  const rt = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    delegations: [{ name: 'Europol' }, { name: 'Frontex' }, { name: 'OSCE' }],
    agenda: [{ title: { en: 'Border security' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const id = rt.roundtableId;
  const mod = rt.moderatorSecret;
  const europol = await join(server.url, rt.joinCode, 'Head Europol', undefined, { name: 'Europol' });
  const frontex = await join(server.url, rt.joinCode, 'Head Frontex', undefined, { name: 'Frontex' });
  for (const head of [europol, frontex])
    await command(id, mod, { type: 'participant.setHead', participantId: head.body.participantId, head: true });
  const writer = openDocument(server.url, id, mod);
  await writer.synced;
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, DRAFT);
  p.insert(0, [text]);
  writer.doc.getXmlFragment('default').insert(1, [p]);
  await expect.poll(async () => (await api(id, 'document.md', mod)).text()).toContain(DRAFT);
  closeDocuments();

  expect(await command(id, mod, { type: 'review.open', deadline: Date.now() + HOUR })).toMatchObject({ ok: true });
  const { review } = (await (await api(id, '', mod)).json()) as StateView;
  const respond = (key: string, sectionId: string, response: string, text = '') =>
    command(id, key, { type: 'review.respond', sectionId, response, text });
  for (const s of review.sections) expect(await respond(europol.token, s, 'endorse')).toMatchObject({ ok: true });
  const [first = ''] = review.sections;
  expect(await respond(frontex.token, first, 'object', 'A week is too short.')).toMatchObject({ ok: true });
  return { id, mod };
}

it('ends the minutes and every export of the outcome with the sign-off once finalised, and not before', async () => {
  const { id, mod } = await underReview();
  // Under review the text is frozen, but no one has signed it: no export may read as if they had.
  for (const [file, text] of Object.entries(await exportsOf(id, mod, 'en'))) {
    expect(text, file).toContain(DRAFT);
    expect(text, file).not.toContain('Sign-off');
    expect(text, file).not.toContain('Endorsed by');
  }
  const before = (await (await api(id, 'series', mod)).json()) as SeriesResponse;
  expect(before.editions.map((e) => e.finalisedAt)).toEqual([null]);

  expect(await command(id, mod, { type: 'review.finalise' })).toMatchObject({ ok: true });
  const { review } = (await (await api(id, '', mod)).json()) as StateView;
  const at = review.final?.at ?? 0;
  // When, as the venue (Asia/Almaty, UTC+05:00) read its clock; the date in each language's own words.
  const day = (lang: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Asia/Almaty' }).format(at);

  for (const [file, text] of Object.entries(await exportsOf(id, mod, 'en'))) {
    expect(text, file).toContain(DRAFT);
    expect(text, file).toContain('Sign-off of the outcome document');
    expect(text, file).toMatch(new RegExp(`Finalised: ${day('en')} at \\d{1,2}:\\d{2} [AP]M \\(UTC\\+05:00\\)`));
    expect(text, file).toContain('Round of review: 1');
    expect(text, file).toContain('Endorsed by: Europol');
    expect(text, file).toContain('Did not endorse: Frontex, OSCE');
    // The record comes after the text it signs.
    expect(text.indexOf('Sign-off'), file).toBeGreaterThan(text.indexOf(DRAFT));
  }
  for (const [file, text] of Object.entries(await exportsOf(id, mod, 'kk'))) {
    expect(text, file).toContain('Қорытынды құжатты бекіту');
    expect(text, file).toContain(`Бекітілді: ${day('kk')}`);
    expect(text, file).toContain('Қолдағандар: Europol');
    expect(text, file).toContain('Қолдамағандар: Frontex, OSCE');
  }
  const ru = await (await api(id, 'document.md?lang=ru', mod)).text();
  expect(ru).toContain('## Утверждение итогового документа');
  expect(ru).toContain('Одобрили: Europol');

  // The series list says the outcome was finalised, and when.
  const series = (await (await api(id, 'series', mod)).json()) as SeriesResponse;
  expect(series.editions.map((e) => e.finalisedAt)).toEqual([at]);
});
