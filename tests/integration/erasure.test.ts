import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { YJS_MESSAGE, type Failure, type StateView } from '@roundtable/shared';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { pdfText } from '../support/exportText.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  return closeDocuments;
});

/** Distinctive, in three scripts; the e-mail and the note are the organisers' own. */
const INVITEE = 'Айгерим Нурланқызы';
const PHONE_RU = 'Ольга Смирнова-Ветрова';
const PHONE_FR = 'Jean-Pierre Duboisier';
const SECRETS = [INVITEE, PHONE_RU, PHONE_FR, 'aigerim.nurlan@example.kz', 'Nurlanqyzy-note'];
/** As JSON.stringify would never write them, but another encoder might: every non-ASCII letter as \uXXXX. */
const escaped = (s: string, upper: boolean) =>
  [...s]
    .map((c) => {
      if (c.charCodeAt(0) < 0x80) return c;
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    })
    .join('');
const NEEDLES = SECRETS.flatMap((s) => [s, escaped(s, false), escaped(s, true)]).filter(
  (s, i, all) => all.indexOf(s) === i,
);

type Rt = { id: string; key: string };
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function state(rt: Rt): Promise<StateView> {
  return (await (await fetch(`${server.url}/api/roundtables/${rt.id}`, { headers: auth(rt.key) })).json()) as StateView;
}

async function command(rt: Rt, body: Record<string, unknown>) {
  const res = await post<{ ok: boolean; result?: Record<string, string> }>(
    server.url,
    `/api/roundtables/${rt.id}/commands`,
    { baseVersion: (await state(rt)).version, command: body },
    rt.key,
  );
  expect(res.body).toMatchObject({ ok: true });
  return res.body.result ?? {};
}

/** Every export a moderator can take away, as the text a search would read. */
async function exportsText(rt: Rt): Promise<string> {
  const files = [
    'minutes.md',
    'minutes.docx',
    'minutes.pdf',
    'document.md',
    'document.docx',
    'document.html',
    'document.pdf',
    'speeches.csv',
    'statistics.csv',
    'statistics.xlsx',
    'invitees.csv',
    'invitees.xlsx',
    'invitations',
    'invitations.csv',
    'events',
    'document/versions',
    'personal-data.json',
  ];
  const texts: string[] = [];
  for (const file of files) {
    const res = await fetch(`${server.url}/api/roundtables/${rt.id}/${file}`, { headers: auth(rt.key) });
    expect(res.status, file).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (file.endsWith('.pdf')) texts.push(await pdfText(bytes));
    else if (file.endsWith('.docx') || file.endsWith('.xlsx'))
      texts.push(...Object.values(unzipSync(bytes)).map((b) => strFromU8(b)));
    else texts.push(strFromU8(bytes));
  }
  const versions = (await (
    await fetch(`${server.url}/api/roundtables/${rt.id}/document/versions`, { headers: auth(rt.key) })
  ).json()) as { versions?: { id: string }[] } | { id: string }[];
  for (const v of Array.isArray(versions) ? versions : (versions.versions ?? [])) {
    const res = await fetch(`${server.url}/api/roundtables/${rt.id}/document/versions/${v.id}`, {
      headers: auth(rt.key),
    });
    texts.push(await res.text());
  }
  return texts.join('\n');
}

/** The SQLite file and its write-ahead log and index, byte for byte. */
function storedBytes(): Buffer {
  const base = path.join(server.dataDir, 'roundtable.db');
  return Buffer.concat(
    [base, `${base}-wal`, `${base}-shm`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
  );
}
const found = (haystack: Buffer | string) =>
  NEEDLES.filter((n) => (typeof haystack === 'string' ? haystack.includes(n) : haystack.includes(Buffer.from(n))));

function paragraph(doc: Y.Doc, words: string, at = 1) {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, words);
  p.insert(0, [text]);
  doc.getXmlFragment('default').insert(at, [p]);
}

it('erases every name from the database file, its log, every export and every document version', async () => {
  const created = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const rt = { id: created.roundtableId, key: created.moderatorSecret };
  await command(rt, {
    type: 'invitee.import',
    invitees: [
      {
        name: INVITEE,
        function: 'Бөлім басшысы',
        delegation: 'Frontex',
        language: 'kk',
        role: 'speaker',
        email: 'aigerim.nurlan@example.kz',
        note: 'Nurlanqyzy-note',
      },
    ],
  });
  const ru = await join(server.url, created.joinCode, PHONE_RU, undefined, { name: 'Europol' });
  const fr = await join(server.url, created.joinCode, PHONE_FR, undefined, { name: 'Europol' });
  const itemId = (await state(rt)).agenda[0]?.id ?? '';
  await command(rt, { type: 'agenda.start', itemId });
  for (const phone of [ru, fr]) {
    await command(rt, {
      type: 'floor.give',
      participantId: phone.body.participantId,
      kind: 'speech',
      expectedSpeechId: (await state(rt)).floor?.speechId ?? null,
    });
  }
  await command(rt, { type: 'floor.end', speechId: (await state(rt)).floor?.speechId });

  const writer = openDocument(server.url, rt.id, rt.key);
  await writer.synced;
  paragraph(writer.doc, `${PHONE_RU} (Europol): we support the joint centre.`);
  paragraph(writer.doc, `${PHONE_FR} said something taken back.`, 2);
  writer.doc.getXmlFragment('default').delete(2, 1);
  paragraph(writer.doc, `Thanks to ${INVITEE}.`, 2);
  const saved = await fetch(`${server.url}/api/roundtables/${rt.id}/document/versions`, {
    method: 'POST',
    headers: { ...auth(rt.key), 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Draft after ${PHONE_RU}` }),
  });
  expect(saved.status).toBe(201);
  // Before: every one of them is in the file, and every name in the exports (so the search below can find them).
  await expect.poll(async () => found(await exportsText(rt))).toEqual(expect.arrayContaining(SECRETS));
  expect(found(storedBytes())).toEqual(expect.arrayContaining(SECRETS));

  // One person deletes their own profile from their phone: the phone is signed out at once.
  const forgot = await post(
    server.url,
    `/api/roundtables/${rt.id}/commands`,
    {
      baseVersion: (await state(rt)).version,
      command: { type: 'participant.forget', participantId: fr.body.participantId },
    },
    fr.token,
  );
  expect(forgot.body).toMatchObject({ ok: true });
  expect((await fetch(`${server.url}/api/roundtables/${rt.id}`, { headers: auth(fr.token) })).status).toBe(401);

  await command(rt, { type: 'roundtable.erasePersonalData' });
  const after = await state(rt);
  expect(after.personalDataErasedAt).not.toBeNull();
  // The record stays: both speeches, under their delegation, with their times.
  expect(after.speeches.map((s) => s.participantId)).toEqual([ru.body.participantId, fr.body.participantId]);

  expect(found(storedBytes())).toEqual([]);
  expect(found(await exportsText(rt))).toEqual([]);
  // The document kept its content, with the placeholder where the name was.
  const md = await (
    await fetch(`${server.url}/api/roundtables/${rt.id}/document.md`, { headers: auth(rt.key) })
  ).text();
  expect(md).toMatch(/#\d+ \(Europol\): we support the joint centre\./);

  // After a restart, too: nothing was only in memory.
  await server.restart();
  expect(found(storedBytes())).toEqual([]);
  // The first request may meet a keep-alive connection the old server closed.
  await expect.poll(async () => found(await exportsText(rt).catch(() => SECRETS.join()))).toEqual([]);
});

it('refuses a device’s copy of the document from before the erasure, which would bring the names back', async () => {
  const created = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const rt = { id: created.roundtableId, key: created.moderatorSecret };
  await join(server.url, created.joinCode, PHONE_RU, undefined, { name: 'Europol' });
  const markdown = async () =>
    (await fetch(`${server.url}/api/roundtables/${rt.id}/document.md`, { headers: auth(rt.key) })).text();
  const writer = openDocument(server.url, rt.id, rt.key);
  await writer.synced;
  paragraph(writer.doc, `${PHONE_RU} (Europol): we support the joint centre.`);
  await expect.poll(markdown).toContain(PHONE_RU);
  // What an editor's browser keeps (IndexedDB) while the moderator erases.
  const kept = Y.encodeStateAsUpdate(writer.doc);
  await command(rt, { type: 'roundtable.erasePersonalData' });
  await expect.poll(markdown).not.toContain(PHONE_RU);

  const back = openDocument(server.url, rt.id, rt.key);
  const refused = new Promise<string>((resolve) => {
    back.provider.messageHandlers[YJS_MESSAGE.error] = (_encoder, decoder) =>
      resolve((JSON.parse(decoding.readVarString(decoder)) as Failure).reason);
  });
  Y.applyUpdate(back.doc, kept);
  expect(await refused).toBe('document_erased');
  expect(await markdown()).not.toContain(PHONE_RU);
  expect(storedBytes().includes(Buffer.from(PHONE_RU))).toBe(false);
  // A new edit of a device that never held the old copy is taken as ever.
  const fresh = openDocument(server.url, rt.id, rt.key);
  await fresh.synced;
  paragraph(fresh.doc, 'A later remark.');
  await expect.poll(markdown).toContain('A later remark.');
});

it('exports every person’s data to the moderator alone, as a data-subject request needs it', async () => {
  const created = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const rt = { id: created.roundtableId, key: created.moderatorSecret };
  await command(rt, {
    type: 'invitee.import',
    invitees: [{ name: INVITEE, delegation: 'Frontex', language: 'kk', email: 'aigerim.nurlan@example.kz' }],
  });
  const phone = await join(server.url, created.joinCode, PHONE_RU, undefined, { name: 'Europol' });
  await command(rt, { type: 'agenda.start', itemId: (await state(rt)).agenda[0]?.id });
  await command(rt, {
    type: 'floor.give',
    participantId: phone.body.participantId,
    kind: 'speech',
    expectedSpeechId: null,
  });
  await command(rt, { type: 'floor.end', speechId: (await state(rt)).floor?.speechId });
  const url = `${server.url}/api/roundtables/${rt.id}/personal-data.json`;
  const res = await fetch(url, { headers: auth(rt.key) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toContain('personal-data.json');
  const body = (await res.json()) as { people: Record<string, unknown>[] };
  expect(body.people).toEqual([
    expect.objectContaining({ name: INVITEE, email: 'aigerim.nurlan@example.kz', status: 'invited', speeches: [] }),
    expect.objectContaining({
      name: PHONE_RU,
      delegation: 'Europol',
      status: 'active',
      speeches: [expect.objectContaining({ kind: 'speech' })],
    }),
  ]);
  const refused = await fetch(url, { headers: auth(phone.token) });
  expect(refused.status).toBe(403);
  expect(await refused.json()).toMatchObject({ reason: 'personal_data_forbidden' });

  // The person's own record, for their phone; the organisers' e-mail and note stay out of it.
  const mineUrl = `${server.url}/api/roundtables/${rt.id}/my-data.json`;
  const mine = (await (await fetch(mineUrl, { headers: auth(phone.token) })).json()) as Record<string, unknown>;
  expect(mine).toMatchObject({ name: PHONE_RU, role: 'participant', speeches: [expect.objectContaining({})] });
  expect(mine).not.toHaveProperty('email');
  expect((await fetch(mineUrl, { headers: auth(rt.key) })).status).toBe(403);
});

it('shows the moderator’s privacy notice and the retention period on the join page', async () => {
  const created = await createRoundtable(server.url);
  const rt = { id: created.roundtableId, key: created.moderatorSecret };
  const preview = async () =>
    (await (await fetch(`${server.url}/api/join/${created.joinCode}`)).json()) as Record<string, unknown>;
  expect(await preview()).toMatchObject({ privacyNotice: {}, retentionDays: 90 });
  await command(rt, { type: 'roundtable.setPrivacyNotice', notice: { ru: 'Данные хранит Делегация ЕС.', en: '' } });
  await command(rt, { type: 'roundtable.setRetention', days: 30 });
  expect(await preview()).toMatchObject({ privacyNotice: { ru: 'Данные хранит Делегация ЕС.' }, retentionDays: 30 });
});
