import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StateView } from '@roundtable/shared';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  return closeDocuments;
});
type Rt = { id: string; key: string };
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
async function state(rt: Rt): Promise<StateView> {
  return (await (await fetch(`${server.url}/api/roundtables/${rt.id}`, { headers: auth(rt.key) })).json()) as StateView;
}
async function cmd(rt: Rt, body: Record<string, unknown>, key = rt.key) {
  return (await post<Record<string, unknown>>(server.url, `/api/roundtables/${rt.id}/commands`, { baseVersion: (await state(rt)).version, command: body }, key)).body;
}
function bytes(): string {
  const base = path.join(server.dataDir, 'roundtable.db');
  return Buffer.concat([base, `${base}-wal`, `${base}-shm`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))).toString('latin1');
}
const has = (hay: string, s: string) => hay.includes(Buffer.from(s).toString('latin1'));
function paragraph(doc: Y.Doc, words: string, at = 1) {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, words);
  p.insert(0, [text]);
  doc.getXmlFragment('default').insert(at, [p]);
}
const NAME = 'Jean-Pierre Duboisier';
const NFD = 'Jürgen Weißmüller';

it('probe', async () => {
  const created = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [{ title: { en: 'Report by JEAN-PIERRE DUBOISIER' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const rt = { id: created.roundtableId, key: created.moderatorSecret };
  const a = await join(server.url, created.joinCode, NAME, undefined, { name: 'Europol' });
  const b = await join(server.url, created.joinCode, NFD.normalize('NFC'), undefined, { name: 'Frontex' });
  const c = await join(server.url, created.joinCode, 'Maria Olsen', undefined, { name: 'Frontex' });
  // someone else forgets a
  console.log('forget other', JSON.stringify(await cmd(rt, { type: 'participant.forget', participantId: a.body.participantId }, c.token)));
  const writer = openDocument(server.url, rt.id, rt.key);
  await writer.synced;
  paragraph(writer.doc, `${NAME} spoke. Mr Duboisier later added. jean-pierre duboisier agreed.`);
  paragraph(writer.doc, `${NFD.normalize('NFD')} (NFD) too.`, 2);
  await new Promise((r) => setTimeout(r, 1500));
  const offline = Y.encodeStateAsUpdate(writer.doc);
  writer.provider.destroy();
  console.log('erase', JSON.stringify(await cmd(rt, { type: 'roundtable.erasePersonalData' })));
  const md1 = await (await fetch(`${server.url}/api/roundtables/${rt.id}/document.md`, { headers: auth(rt.key) })).text();
  const ag = (await state(rt)).agenda[0]?.title;
  console.log('AFTER ERASE md:', md1, '\nagenda:', JSON.stringify(ag));
  let b1 = bytes();
  console.log('bytes: full', has(b1, NAME), 'surname', has(b1, 'Duboisier'), 'upper', has(b1, 'JEAN-PIERRE DUBOISIER'), 'nfd', has(b1, NFD.normalize('NFD')));
  // A laptop that had the doc in IndexedDB reconnects.
  const again = openDocument(server.url, rt.id, rt.key);
  Y.applyUpdate(again.doc, offline);
  await again.synced;
  await new Promise((r) => setTimeout(r, 2500));
  const md2 = await (await fetch(`${server.url}/api/roundtables/${rt.id}/document.md`, { headers: auth(rt.key) })).text();
  console.log('AFTER RESYNC md:', md2);
  again.provider.destroy();
  await new Promise((r) => setTimeout(r, 1500));
  b1 = bytes();
  console.log('bytes after resync: full', has(b1, NAME));
  // a participant reconnect after erasure
  const st = await fetch(`${server.url}/api/roundtables/${rt.id}`, { headers: auth(c.token) });
  console.log('c state status', st.status);
  for (const f of ['minutes.md', 'minutes.pdf', 'statistics.csv', 'events', 'personal-data.json']) {
    const r = await fetch(`${server.url}/api/roundtables/${rt.id}/${f}`, { headers: auth(rt.key) });
    console.log(f, r.status);
  }
  const my = await fetch(`${server.url}/api/roundtables/${rt.id}/my-data.json`, { headers: auth(c.token) });
  console.log('my', my.status, (await my.text()).slice(0, 300));
  expect(true).toBe(true);
});
