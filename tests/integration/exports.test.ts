import { unzipSync, strFromU8 } from 'fflate';
import { beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BASIC_ROUNDTABLE, createRoundtable, join } from '../support/clients.js';
import { openDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const KAZAKH = 'Әділет, Ғылым, Қауіпсіздік, Ңң, Өзара, Ұлттық, Үйлестіру, Һ, Іс-қимыл';
const RUSSIAN = 'Трансграничная преступность: обмен данными в реальном времени';

function text(content: string, marks: Record<string, unknown> = {}): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, content, marks);
  return t;
}
function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, children);
  return el;
}

/** Writes a document the way the editor would: a heading, a paragraph with marks, a list, a quote, a script. */
async function writeDocument(roundtableId: string, key: string) {
  const writer = openDocument(server.url, roundtableId, key);
  await writer.synced;
  const fragment = writer.doc.getXmlFragment('default');
  writer.doc.transact(() => {
    fragment.insert(fragment.length, [
      element('heading', [text(KAZAKH)], { level: 2 }),
      element('paragraph', [text('Маңызды: ', { bold: true }), text(RUSSIAN, { italic: true })]),
      element('paragraph', [text('Europol', { link: { href: 'https://www.europol.europa.eu/' } })]),
      element('bulletList', [
        element('listItem', [element('paragraph', [text('Шекара')])]),
        element('listItem', [element('paragraph', [text('Кибер')])]),
      ]),
      element('orderedList', [element('listItem', [element('paragraph', [text('Бірінші қадам')])])]),
      element('blockquote', [element('paragraph', [text('<script>alert(1)</script>')])]),
    ]);
  });
  return writer;
}

const get = (rtId: string, path: string, key: string) =>
  fetch(`${server.url}/api/roundtables/${rtId}/${path}`, { headers: { authorization: `Bearer ${key}` } });

it('exports Kazakh and Russian text exactly to Word, with title, organisers, date and real headings and lists', async () => {
  const rt = await createRoundtable(server.url, { ...BASIC_ROUNDTABLE, organisers: ['EU Delegation', 'Елшілік'] });
  const writer = await writeDocument(rt.roundtableId, rt.moderatorSecret);
  await expect
    .poll(async () => await (await get(rt.roundtableId, 'document.md', rt.moderatorSecret)).text())
    .toContain(KAZAKH);

  const res = await get(rt.roundtableId, 'document.docx?lang=kk', rt.moderatorSecret);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('wordprocessingml');
  expect(res.headers.get('content-disposition')).toContain(
    `filename*=UTF-8''${encodeURIComponent('Дөңгелек-үстел.docx')}`,
  );
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const xml = strFromU8(files['word/document.xml']!);
  const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  for (const expected of [
    'Дөңгелек үстел',
    'Ұйымдастырушылар: EU Delegation, Елшілік',
    // 09:30 at the venue (Asia/Almaty), written the Kazakh way.
    '2026 ж. 3 желтоқсан, 09:30',
    KAZAKH,
    'Маңызды: ',
    RUSSIAN,
    'Шекара',
    'Бірінші қадам',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
  ])
    expect(words).toContain(expected);
  expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*Әділет/);
  expect(xml).toContain('<w:b/>');
  expect(xml).toContain('<w:numPr>');
  expect(strFromU8(files['word/_rels/document.xml.rels']!)).toContain('https://www.europol.europa.eu/');
  expect(strFromU8(files['word/styles.xml']!)).toContain('<w:lang w:val="kk-KZ"/>');
  writer.provider.destroy();
});

it('makes a print page in the chosen language where typed markup stays text', async () => {
  const rt = await createRoundtable(server.url);
  await writeDocument(rt.roundtableId, rt.moderatorSecret);
  await expect
    .poll(async () => await (await get(rt.roundtableId, 'document.md', rt.moderatorSecret)).text())
    .toContain(RUSSIAN);

  const res = await get(rt.roundtableId, 'document.html?lang=ru', rt.moderatorSecret);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  const html = await res.text();
  expect(html).toContain('<html lang="ru">');
  expect(html).toContain('<h1>Круглый стол</h1>');
  expect(html).toContain('Итоговый документ');
  expect(html).toContain('3 декабря 2026 г. в 09:30');
  expect(html).toContain(`<h3>${KAZAKH}</h3>`);
  expect(html).toContain(`<strong>Маңызды: </strong><em>${RUSSIAN}</em>`);
  expect(html).toContain('<a href="https://www.europol.europa.eu/">Europol</a>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toContain('<script>');
  expect(html).toContain('@page');

  const md = await (await get(rt.roundtableId, 'document.md', rt.moderatorSecret)).text();
  expect(md).toContain(`**Маңызды:** *${RUSSIAN}*`);
});

it('refuses the exports to participants before publication, like the document itself', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Reader');
  for (const path of ['document.docx', 'document.html', 'document.md']) {
    const res = await get(rt.roundtableId, path, p.token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, code: 'forbidden' });
  }
  expect((await get(rt.roundtableId, 'document.docx', 'x'.repeat(22))).status).toBe(401);
});
