import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INVITEE_FILE_LIMITS, INVITEE_LIMITS, previewInvitees } from '@roundtable/shared';
import { Scenario } from '../../shared/test/support/roundtable.js';
import { writeInvitees } from '../src/invitees/export.js';
import { readSheet } from '../src/invitees/sheet.js';

const KAZAKH = ['Әлихан Бөкейхан', 'Ержан Қасымов'];
const RUSSIAN = 'Наталья Сергеевна Иванова';

/** Windows-1251 as Russian Excel writes it: ASCII as is, А–я from 0xC0, Ё and ё; anything else as "?". */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      return code === 0x401 ? 0xa8 : code === 0x451 ? 0xb8 : 0x3f;
    }),
  );
}

const csv = (text: string) => readSheet(Buffer.from(text, 'utf8'), 'csv');

async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('CSV', () => {
  it('reads UTF-8 with a byte order mark and commas, Kazakh and Russian letters exactly', async () => {
    const text = `\uFEFFName,Function,Delegation\r\n${KAZAKH[0]},Adviser,Europol\r\n${RUSSIAN},"Советник, МИД",\r\n`;
    expect(await csv(text)).toEqual([
      ['Name', 'Function', 'Delegation'],
      [KAZAKH[0], 'Adviser', 'Europol'],
      [RUSSIAN, 'Советник, МИД'],
    ]);
  });

  it('reads the semicolons of Russian Excel, with quoted newlines counted as one row', async () => {
    const text = 'ФИО;Должность;Примечание\n\n"Ержан\nҚасымов";Министр;"a; b"\nX;"Y ""Z""";\r\nLast;;';
    expect(await csv(text)).toEqual([
      ['ФИО', 'Должность', 'Примечание'],
      [],
      ['Ержан\nҚасымов', 'Министр', 'a; b'],
      ['X', 'Y "Z"'],
      ['Last'],
    ]);
  });

  it('reads tabs, and UTF-16 with its byte order mark as Excel’s “Unicode text” writes it', async () => {
    expect(await csv('Name\tRole\nA\thead')).toEqual([
      ['Name', 'Role'],
      ['A', 'head'],
    ]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`Аты-жөні\tТілі\r\n${KAZAKH[1]}\tkk`, 'utf16le'),
    ]);
    expect(await readSheet(utf16, 'csv')).toEqual([
      ['Аты-жөні', 'Тілі'],
      [KAZAKH[1], 'kk'],
    ]);
  });

  it('reads quotes typed into a cell without quoting it', async () => {
    expect(await csv('Name;Delegation\nA;ТОО "Казахтелеком"')).toEqual([
      ['Name', 'Delegation'],
      ['A', 'ТОО "Казахтелеком"'],
    ]);
  });

  it('reads Windows-1251, what Russian Excel saves as CSV', async () => {
    const bytes = windows1251(`ФИО;Должность\r\n${RUSSIAN};Советник\r\nЁлкин Пётр;`);
    expect(await readSheet(bytes, 'csv')).toEqual([['ФИО', 'Должность'], [RUSSIAN, 'Советник'], ['Ёлкин Пётр']]);
  });

  it('refuses, rather than misreads, Kazakh lost to Windows-1251 and a Western code page', async () => {
    const lost = windows1251(`ФИО\r\n${KAZAKH[1]}`);
    expect(lost.toString('latin1')).toContain('?');
    expect(await readSheet(lost, 'csv')).toMatchObject({ ok: false, reason: 'sheet_encoding' });
    const western = Buffer.from('Name\r\nM\xfcller\r\nJos\xe9', 'latin1');
    expect(await readSheet(western, 'csv')).toMatchObject({ ok: false, reason: 'sheet_encoding' });
  });

  it('refuses what is not CSV', async () => {
    expect(await csv('Name\n"open quote\n')).toMatchObject({ ok: false, reason: 'sheet_unreadable' });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readSheet(xls, 'csv')).toMatchObject({ ok: false, reason: 'sheet_format' });
    const xlsx = await workbook((b) => b.addWorksheet('x').addRow(['Name']));
    expect(await readSheet(xlsx, 'csv')).toMatchObject({
      ok: false,
      reason: 'sheet_unreadable',
      params: { format: 'CSV' },
    });
  });
});

describe('XLSX', () => {
  it('reads the first visible sheet’s cells as text, row numbers as the sheet has them', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet('hidden', { state: 'hidden' }).addRow(['Not this']);
      const sheet = book.addWorksheet('Invitees');
      sheet.getCell('A1').value = 'Name';
      sheet.getCell('B1').value = { richText: [{ text: 'E-' }, { text: 'mail', font: { bold: true } }] };
      sheet.getCell('D1').value = 'Note';
      sheet.getCell('A2').value = { richText: [{ text: 'Әлихан ', font: { italic: true } }, { text: 'Бөкейхан' }] };
      sheet.getCell('B2').value = { text: 'a@b.kz', hyperlink: 'mailto:a@b.kz' };
      sheet.getCell('D2').value = 12345;
      sheet.getCell('A4').value = RUSSIAN;
      sheet.getCell('C4').value = { formula: '1+1', result: 2 };
      sheet.getCell('D4').value = 3.5;
      sheet.getCell('A5').value = new Date(Date.UTC(2026, 11, 3));
      sheet.getCell('B5').value = true;
      book.addWorksheet('Other').addRow(['Not this either']);
    });
    expect(await readSheet(bytes, 'xlsx')).toEqual([
      ['Name', 'E-mail', '', 'Note'],
      ['Әлихан Бөкейхан', 'a@b.kz', '', '12345'],
      [],
      [RUSSIAN, '', '2', '3.5'],
      ['2026-12-03', 'true'],
    ]);
  });

  it('refuses what is not a workbook, and an old .xls one with what to do', async () => {
    expect(await readSheet(Buffer.from('Name\nA'), 'xlsx')).toMatchObject({ reason: 'sheet_unreadable' });
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect(await readSheet(broken, 'xlsx')).toMatchObject({ reason: 'sheet_unreadable', params: { format: 'XLSX' } });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readSheet(xls, 'xlsx')).toMatchObject({ reason: 'sheet_format' });
  });
});

describe('bounds', () => {
  const names = (n: number) => ['Name', ...Array.from({ length: n }, (_, i) => `Person ${i}`)].join('\n');

  it(`reads ${INVITEE_LIMITS.rows} rows and refuses one more, in CSV and XLSX`, async () => {
    expect(await csv(names(INVITEE_LIMITS.rows))).toHaveLength(INVITEE_LIMITS.rows + 1);
    expect(await csv(names(INVITEE_LIMITS.rows + 1))).toMatchObject({
      reason: 'sheet_too_many_rows',
      params: { max: INVITEE_LIMITS.rows },
    });
    const long = await workbook((b) => {
      const sheet = b.addWorksheet('x');
      for (let i = 0; i <= INVITEE_LIMITS.rows + 1; i++) sheet.addRow([`Person ${i}`]);
    });
    expect(await readSheet(long, 'xlsx')).toMatchObject({ reason: 'sheet_too_many_rows' });
  });

  it('refuses a file of empty lines, a row too wide, and a file too large', async () => {
    expect(await csv(`Name${'\n'.repeat(INVITEE_LIMITS.rows * 5)}A`)).toMatchObject({ reason: 'sheet_too_many_rows' });
    const wide = Array.from({ length: INVITEE_FILE_LIMITS.columns + 1 }, (_, i) => `c${i}`).join(',');
    expect(await csv(`Name\n${wide}`)).toMatchObject({ reason: 'sheet_too_wide' });
    // Trailing empty cells, as Excel pads rows to the widest, are not width.
    expect(await csv(`Name${','.repeat(200)}\nA`)).toEqual([['Name'], ['A']]);
    const big = Buffer.alloc(INVITEE_FILE_LIMITS.bytes + 1, 'a');
    expect(await readSheet(big, 'csv')).toMatchObject({ reason: 'sheet_too_large', params: { mib: 5 } });
  });

  it('refuses a workbook that unpacks to far more than a list needs, whatever its directory declares', async () => {
    const bytes = await workbook((b) => b.addWorksheet('x').addRow(['Name']));
    expect(await readSheet(bytes, 'xlsx')).toEqual([['Name']]);
    // A declared size is the sender's word, not what is counted: one that overstates is a broken file…
    const overstated = Buffer.from(bytes);
    directoryEntries(overstated).forEach((at) => overstated.writeUInt32LE(0x7fffffff, at + 24));
    expect(await readSheet(overstated, 'xlsx')).toMatchObject({ ok: false, reason: 'sheet_unreadable' });
    // …and one that understates lets nothing through: 40 MiB of spaces in 40 KB, declared as 1,000 bytes.
    expect(
      await readSheet(lyingZip('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024, ' ')), 'xlsx'),
    ).toMatchObject({
      reason: 'sheet_too_large',
    });
  });
});

/** Where each entry of a zip's central directory starts. */
function directoryEntries(zip: Buffer): number[] {
  const found: number[] = [];
  for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0;) {
    found.push(at);
    at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
  }
  return found;
}

/** A one-entry zip whose headers declare 1,000 bytes unpacked, whatever the entry holds. */
function lyingZip(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1000, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1000, 24);
  central.writeUInt16LE(file.length, 28);
  const directoryAt = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

describe('the export', () => {
  it.each(['csv', 'xlsx'] as const)('writes a %s file that imports again as the same list', async (format) => {
    const s = new Scenario();
    s.invite(KAZAKH[0] ?? '', 'Europol', { role: 'head', language: 'kk', email: 'a@b.kz', note: 'VIP' });
    s.invite(KAZAKH[1] ?? '', 'Interpol', { role: 'speaker', function: 'Министр' });
    const arrived = s.invite(RUSSIAN, '', { role: 'rapporteur', language: 'ru' });
    s.do({ type: 'participant.setArrived', participantId: arrived, arrived: true });
    const cells = await readSheet(await writeInvitees(s.state, format), format);
    if (!Array.isArray(cells)) throw new Error(cells.message);
    expect(cells[0]).toEqual([
      'name',
      'function',
      'delegation',
      'language',
      'role',
      'email',
      'note',
      'status',
      'arrived at',
    ]);
    expect(cells[3]?.slice(7)).toEqual(['arrived', '2026-12-03T09:30:00+05:00']);
    const again = previewInvitees(cells, new Scenario().state, 'en');
    expect(again.problems).toEqual([]);
    expect(again.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['status', 'arrived at']);
    expect(again.rows.map((r) => r.invitee)).toEqual([
      {
        name: KAZAKH[0],
        function: 'Expert',
        delegation: 'Europol',
        language: 'kk',
        role: 'head',
        email: 'a@b.kz',
        note: 'VIP',
      },
      {
        name: KAZAKH[1],
        function: 'Министр',
        delegation: 'Interpol',
        language: 'en',
        role: 'speaker',
        email: '',
        note: '',
      },
      { name: RUSSIAN, function: 'Expert', delegation: '', language: 'ru', role: 'rapporteur', email: '', note: '' },
    ]);
  });
});
