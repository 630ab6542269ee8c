import ExcelJS from 'exceljs';
import { beforeEach, expect, it } from 'vitest';
import {
  INVITEE_FILE_LIMITS,
  InviteePreview,
  type CommandAck,
  type CreateRoundtableResponse,
  type Failure,
  type StateView,
} from '@roundtable/shared';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function preview(
  rtId: string,
  key: string,
  body: Buffer | string,
  format: string,
  type = 'application/octet-stream',
) {
  const res = await fetch(`${server.url}/api/roundtables/${rtId}/invitees/preview?format=${format}`, {
    method: 'POST',
    headers: { ...auth(key), 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** A preview as the console reads it: through the shared schema. */
async function previewed(rt: CreateRoundtableResponse, body: Buffer | string, format: string, type?: string) {
  const res = await preview(rt.roundtableId, rt.moderatorSecret, body, format, type);
  expect(res.status).toBe(200);
  return InviteePreview.parse(res.body);
}

async function state(rt: CreateRoundtableResponse): Promise<StateView> {
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, { headers: auth(rt.moderatorSecret) });
  return (await res.json()) as StateView;
}

/** The import as the console makes it: the same file again, with the number of rows its preview showed. */
async function importFile(rt: CreateRoundtableResponse, body: Buffer | string, format: string, expected: number) {
  const res = await fetch(
    `${server.url}/api/roundtables/${rt.roundtableId}/invitees/import?format=${format}&expect=${expected}`,
    { method: 'POST', headers: auth(rt.moderatorSecret), body: typeof body === 'string' ? body : new Uint8Array(body) },
  );
  return { status: res.status, body: (await res.json()) as unknown };
}

const exported = (rt: CreateRoundtableResponse, format: 'csv' | 'xlsx', key = rt.moderatorSecret) =>
  fetch(`${server.url}/api/roundtables/${rt.roundtableId}/invitees.${format}`, { headers: auth(key) });

/** A 1,000-row list as Russian organisers keep it: 40 delegations, two of them known, in three languages. */
async function thousandRows(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Приглашённые');
  sheet.addRow(['ФИО', 'Должность', 'Делегация', 'Язык', 'Роль', 'Электронная почта', 'Примечание']);
  const languages = ['Русский', 'Қазақша', 'English'];
  for (let i = 0; i < 1000; i++) {
    const delegation = i % 40 === 0 ? 'Europol' : i % 40 === 1 ? 'FRONTEX' : `Делегация № ${i % 40}`;
    const role = i < 40 ? 'Глава делегации' : i % 97 === 0 ? 'Докладчик' : i % 89 === 0 ? 'Спикер' : '';
    sheet.addRow([
      `Қасымов Ержан ${i}`,
      i % 2
        ? 'Советник министра'
        : { richText: [{ text: 'Эксперт ', font: { bold: true } }, { text: 'по безопасности' }] },
      delegation,
      languages[i % 3],
      role,
      { text: `p${i}@mfa.kz`, hyperlink: `mailto:p${i}@mfa.kz` },
      i % 10 === 0 ? i : '',
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

it('previews a 1,000-row workbook and imports exactly it in one command', async () => {
  const rt = await createRoundtable(server.url);
  const result = await previewed(rt, await thousandRows(), 'xlsx', XLSX);
  expect(result.problems).toEqual([]);
  expect(result.rows).toHaveLength(1000);
  expect(result.rows[0]).toEqual({
    line: 2,
    delegation: 'existing',
    invitee: {
      name: 'Қасымов Ержан 0',
      function: 'Эксперт по безопасности',
      delegation: 'Europol',
      language: 'ru',
      role: 'head',
      email: 'p0@mfa.kz',
      note: '0',
    },
  });
  expect(result.newDelegations).toHaveLength(38);

  const before = (await state(rt)).version;
  // Counted against another preview (the roster moved since): nothing is stored, and the new preview is asked for.
  const stale = await importFile(rt, await thousandRows(), 'xlsx', 999);
  expect(stale).toMatchObject({
    status: 409,
    body: { reason: 'invitees_changed', params: { expected: 999, rows: 1000 } },
  });
  expect((await state(rt)).version).toBe(before);
  // A 1,000-row list of long Russian titles is more JSON than a command may carry: the file travels, once.
  const done = await importFile(rt, await thousandRows(), 'xlsx', 1000);
  expect(done).toEqual({ status: 200, body: { imported: 1000, version: before + 1 } });
  const after = await state(rt);
  const invited = after.participants.filter((p) => p.status === 'invited');
  expect(invited.map((p) => p.name)).toEqual(result.rows.map((r) => r.invitee.name));
  expect(after.delegations).toHaveLength(40);
  expect(invited.filter((p) => p.speaker)).toHaveLength(11);
  expect(invited.filter((p) => p.role === 'rapporteur')).toHaveLength(10);
  expect(after.review.heads).toHaveLength(40);

  // The same file again: everyone is on the list already, and nothing would be imported.
  const again = await previewed(rt, await thousandRows(), 'xlsx', XLSX);
  expect(again.rows).toEqual([]);
  expect(new Set(again.problems.map((p) => p.reason))).toEqual(new Set(['already_on_list']));
});

const CSV =
  'ФИО;Должность;Организация;Язык;Роль;E-mail\r\n' +
  'Әлихан Бөкейхан;Төраға;Алаш;kk;Делегация басшысы;alikhan@alash.kz\r\n' +
  'Ержан Қасымов;"Советник; МИД";Europol;Қазақша;;\r\n' +
  'Наталья Сергеевна Иванова;Эксперт;;Русский;Приглашённый докладчик;\r\n' +
  'ержан  қасымов;;EUROPOL;;;\r\n';

it('previews a CSV of Kazakh and Russian names, says which row it cannot take, and imports the others', async () => {
  const rt = await createRoundtable(server.url);
  const result = await previewed(rt, Buffer.from(`\uFEFF${CSV}`), 'csv', 'text/csv');
  expect(result.problems).toEqual([
    { line: 5, reason: 'duplicate_in_file', field: 'name', value: 'ержан  қасымов', sameAs: 3 },
  ]);
  expect(result.columns.map((c) => c.field)).toEqual(['name', 'function', 'delegation', 'language', 'role', 'email']);
  expect(result.rows.map((r) => [r.line, r.invitee.name, r.invitee.role, r.delegation])).toEqual([
    [2, 'Әлихан Бөкейхан', 'head', 'new'],
    [3, 'Ержан Қасымов', 'participant', 'existing'],
    [4, 'Наталья Сергеевна Иванова', 'speaker', 'none'],
  ]);
  expect((await importFile(rt, `\uFEFF${CSV}`, 'csv', 3)).body).toMatchObject({ imported: 3 });
  const names = (await state(rt)).participants.map((p) => [p.name, p.function, p.language, p.status]);
  expect(names).toEqual([
    ['Әлихан Бөкейхан', 'Төраға', 'kk', 'invited'],
    ['Ержан Қасымов', 'Советник; МИД', 'kk', 'invited'],
    ['Наталья Сергеевна Иванова', 'Эксперт', 'ru', 'invited'],
  ]);
});

it.each(['csv', 'xlsx'] as const)(
  'exports the list as %s, which imports into another roundtable as it was',
  async (format) => {
    const rt = await createRoundtable(server.url);
    const original = await previewed(rt, CSV, 'csv', 'text/csv');
    await importFile(rt, CSV, 'csv', original.rows.length);

    const res = await exported(rt, format);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(format === 'csv' ? 'text/csv' : 'spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;.*invitees\.(csv|xlsx)/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const file = Buffer.from(await res.arrayBuffer());

    const other = await createRoundtable(server.url);
    // Sent as the browser may label it, and without a format: the file says what it is.
    const back = InviteePreview.parse((await preview(other.roundtableId, other.moderatorSecret, file, '')).body);
    expect(back.problems).toEqual([]);
    expect(back.rows.map((r) => r.invitee)).toEqual(original.rows.map((r) => r.invitee));
    expect(back.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['status', 'arrived at']);
    expect((await importFile(other, file, '', back.rows.length)).body).toMatchObject({ imported: 3 });
  },
);

it('lets the moderator and the desk read the list, and nobody else', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const mint = async (role: string) => {
    const { version } = await state(rt);
    const command = { type: 'link.create', role, label: role };
    const res = await post<CommandAck>(
      server.url,
      `/api/roundtables/${rt.roundtableId}/commands`,
      { baseVersion: version, command },
      rt.moderatorSecret,
    );
    return (res.body as { result: { secret: string } }).result.secret;
  };
  const desk = await mint('desk');
  const projector = await mint('projector');
  const phone = await join(server.url, rt.joinCode, 'Әлихан Бөкейхан');
  expect(phone.status).toBe(200);

  expect((await preview(rt.roundtableId, desk, CSV, 'csv')).status).toBe(200);
  expect((await exported(rt, 'csv', desk)).status).toBe(200);
  for (const key of [projector, phone.token]) {
    const refused = await preview(rt.roundtableId, key, CSV, 'csv');
    expect(refused).toMatchObject({ status: 403, body: { ok: false, reason: 'invitees_forbidden' } });
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await exported(rt, format, key);
      expect(res.status).toBe(403);
      expect(((await res.json()) as Failure).reason).toBe('invitees_forbidden');
    }
  }
  expect((await preview(rt.roundtableId, 'not-a-key', CSV, 'csv')).status).toBe(401);
});

it('refuses a file too large, a JSON body and an old Excel file, each saying what to do', async () => {
  const rt = await createRoundtable(server.url);
  const huge = Buffer.alloc(INVITEE_FILE_LIMITS.bytes + 1, 'a');
  const tooLarge = await preview(rt.roundtableId, rt.moderatorSecret, huge, 'csv');
  expect(tooLarge).toMatchObject({ status: 413, body: { ok: false, reason: 'sheet_too_large', params: { mib: 5 } } });
  expect((tooLarge.body as Failure).message).toBe('The file is larger than 5 MiB.');

  const json = await preview(rt.roundtableId, rt.moderatorSecret, '{"rows":[]}', 'csv', 'application/json');
  expect(json).toMatchObject({ status: 400, body: { reason: 'sheet_format' } });
  const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  expect(await preview(rt.roundtableId, rt.moderatorSecret, xls, 'xlsx')).toMatchObject({
    status: 400,
    body: { reason: 'sheet_format' },
  });
  // The server is still there for the next file.
  expect((await previewed(rt, CSV, 'csv')).rows).toHaveLength(3);
});
