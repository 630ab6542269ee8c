import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { StateView } from '@roundtable/shared';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { openDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  // Only the clock is faked (sockets keep their real timers): speeches last exactly what the test says.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

const T0 = Date.UTC(2026, 11, 3, 4, 30); // 09:30 in Astana
const KAZAKH_LETTERS = ['Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І'];
const RECORD = 'Әділет, Ғылым, Қауіпсіздік, Ңң, Өзара, Ұлттық, Үйлестіру, Һ, Іс-қимыл';

interface Roundtable {
  id: string;
  key: string;
  phone: string;
  rapporteur: string;
  itemId: string;
}

async function state(rt: Pick<Roundtable, 'id' | 'key'>): Promise<StateView> {
  const res = await fetch(`${server.url}/api/roundtables/${rt.id}`, { headers: { authorization: `Bearer ${rt.key}` } });
  return (await res.json()) as StateView;
}

async function command(rt: Pick<Roundtable, 'id' | 'key'>, body: Record<string, unknown>) {
  const { version } = await state(rt);
  const res = await post<{ ok: boolean; result?: Record<string, string> }>(
    server.url,
    `/api/roundtables/${rt.id}/commands`,
    { baseVersion: version, command: body },
    rt.key,
  );
  expect(res.body).toMatchObject({ ok: true });
  return res.body.result ?? {};
}

const floorId = async (rt: Roundtable) => (await state(rt)).floor?.speechId ?? null;

/** A morning in Astana: two speeches (95 s; 200 s against 180), and the rapporteurs' record of the item. */
async function roundtable(): Promise<Roundtable> {
  const created = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [
      { title: { en: 'Cyber threats', kk: 'Киберқауіптер' }, kind: 'discussion', plannedMinutes: 30 },
      { title: { en: 'Closing', kk: 'Жабылу' }, kind: 'closing', plannedMinutes: 10 },
    ],
  });
  const rt = { id: created.roundtableId, key: created.moderatorSecret };
  const phone = await join(server.url, created.joinCode, 'Әсел Қуанышқызы', undefined, { name: 'Europol' });
  const { participantId: galym = '' } = await command(rt, {
    type: 'participant.add',
    role: 'participant',
    profile: {
      name: 'Ғалым Өтегенұлы',
      function: 'Һ-бөлімінің басшысы',
      delegation: { name: 'Frontex' },
      language: 'kk',
    },
  });
  const { secret: rapporteur = '' } = await command(rt, { type: 'link.create', role: 'rapporteur', label: 'Notes' });
  const itemId = (await state(rt)).agenda[0]?.id ?? '';

  await command(rt, { type: 'agenda.start', itemId });
  await command(rt, {
    type: 'floor.give',
    participantId: phone.body.participantId,
    kind: 'speech',
    expectedSpeechId: null,
  });
  vi.setSystemTime(T0 + 95_000);
  await command(rt, {
    type: 'floor.give',
    participantId: galym,
    kind: 'speech',
    expectedSpeechId: await floorId({ ...rt, phone: '', rapporteur: '', itemId }),
  });
  vi.setSystemTime(T0 + 295_000);
  await command(rt, { type: 'floor.end', speechId: await floorId({ ...rt, phone: '', rapporteur: '', itemId }) });

  const writer = openDocument(server.url, rt.id, rapporteur);
  await writer.synced;
  const fragment = writer.doc.getXmlFragment('default');
  const at = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('data-item') === itemId);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, RECORD);
  paragraph.insert(0, [text]);
  fragment.insert(at + 1, [paragraph]);
  return { ...rt, phone: phone.token, rapporteur, itemId };
}

const get = (rt: Roundtable, path: string, key = rt.key) =>
  fetch(`${server.url}/api/roundtables/${rt.id}/${path}`, { headers: { authorization: `Bearer ${key}` } });

async function pdfText(res: Response): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

it('gives the speeches and the statistics as CSV with a BOM, Kazakh names and durations exact to the second', async () => {
  const rt = await roundtable();
  const res = await get(rt, 'speeches.csv');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
  expect(rows).toEqual([
    {
      item: 'Cyber threats',
      name: 'Әсел Қуанышқызы',
      delegation: 'Europol',
      language: 'en',
      type: 'speech',
      start: '2026-12-03T09:30:00+05:00',
      duration_s: '95',
      overtime_s: '0',
      topic: '',
    },
    {
      item: 'Cyber threats',
      name: 'Ғалым Өтегенұлы',
      delegation: 'Frontex',
      language: 'kk',
      type: 'speech',
      start: '2026-12-03T09:31:35+05:00',
      duration_s: '200',
      overtime_s: '20',
      topic: '',
    },
  ]);
  const kk = parse(await (await get(rt, 'speeches.csv?lang=kk')).text(), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  expect(kk[0]?.item).toBe('Киберқауіптер');

  const stats = parse(await (await get(rt, 'statistics.csv')).text(), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  expect(stats.map((r) => [r.delegation, r.speakers, r.speeches, r.total_s, r.overtime_s, r.share_percent])).toEqual([
    ['Frontex', '1', '1', '200', '20', '67.8'],
    ['Europol', '1', '1', '95', '0', '32.2'],
  ]);
});

it('gives both tables as one workbook that Excel’s format reads back', async () => {
  const rt = await roundtable();
  const res = await get(rt, 'statistics.xlsx');
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  expect(book.worksheets.map((s) => s.name)).toEqual(['speeches', 'delegations']);
  const speeches = book.getWorksheet('speeches');
  expect(speeches?.getRow(3).getCell(2).value).toBe('Ғалым Өтегенұлы');
  expect(speeches?.getRow(3).getCell(7).value).toBe(200);
  expect(book.getWorksheet('delegations')?.getRow(2).values).toEqual([
    undefined,
    'Frontex',
    1,
    1,
    0,
    0,
    1,
    0,
    0,
    200,
    67.8,
    200,
    20,
  ]);
});

it('writes the minutes as a real PDF whose text has every Kazakh letter, in the language asked for', async () => {
  const rt = await roundtable();
  await expect.poll(async () => await (await get(rt, 'minutes.md')).text()).toContain(RECORD);
  const res = await get(rt, 'minutes.pdf?lang=kk');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('Дөңгелек-үстел-Хаттама.pdf'));
  const text = await pdfText(res);
  for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
  for (const words of [
    'Хаттама',
    'Қатысқандар',
    'Киберқауіптер',
    'Әсел Қуанышқызы',
    'Ғалым Өтегенұлы',
    'Үйлестіру',
    '3:20',
  ])
    expect(text).toContain(words);

  const document = await pdfText(await get(rt, 'document.pdf?lang=ru'));
  expect(document).toContain('Итоговый документ');
  expect(document).toContain('Іс-қимыл');
});

it('writes the minutes as Word and Markdown with the attendance, the speeches and the record', async () => {
  const rt = await roundtable();
  await expect.poll(async () => await (await get(rt, 'minutes.md?lang=ru')).text()).toContain(RECORD);
  const md = await (await get(rt, 'minutes.md?lang=ru')).text();
  expect(md).toContain('## Присутствовали');
  expect(md).toContain('### Frontex (1 чел.)');
  expect(md).toContain(
    '**09:31:35** · Ғалым Өтегенұлы (Һ-бөлімінің басшысы, Frontex) · Выступление · kk · 3:20 (+0:20 сверх регламента)',
  );

  const res = await get(rt, 'minutes.docx?lang=en');
  expect(res.headers.get('content-type')).toContain('wordprocessingml');
  const xml = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']!);
  const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
  for (const expected of [
    'Attendance',
    'Europol (1 people)',
    'Әсел Қуанышқызы',
    'Planned: 09:30–10:00',
    'Speech',
    RECORD,
  ])
    expect(words).toContain(expected);
  expect(xml).toContain('<w:tbl>');
});

it('gives the minutes and the tables to moderators and rapporteurs only', async () => {
  const rt = await roundtable();
  const paths = ['minutes.md', 'minutes.docx', 'minutes.pdf', 'speeches.csv', 'statistics.csv', 'statistics.xlsx'];
  for (const path of paths) {
    expect((await get(rt, path, rt.rapporteur)).status, path).toBe(200);
    const phone = await get(rt, path, rt.phone);
    expect(phone.status, path).toBe(403);
    expect(await phone.json()).toMatchObject({ code: 'forbidden', reason: 'minutes_forbidden' });
    expect((await fetch(`${server.url}/api/roundtables/${rt.id}/${path}`)).status, path).toBe(401);
  }
  // The document's PDF is for whoever may read the document: phones once it is published.
  expect((await get(rt, 'document.pdf', rt.phone)).status).toBe(403);
  await command(rt, { type: 'document.setPublished', published: true });
  expect((await get(rt, 'document.pdf', rt.phone)).status).toBe(200);
});
