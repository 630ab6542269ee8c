import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { DataTable } from './tables.js';

/**
 * A text a spreadsheet would run as a formula (`=HYPERLINK(…)` typed as a name on a phone) starts with an
 * apostrophe, which Excel and LibreOffice show as text; the import of invitees reads it back without it.
 */
const guarded = (cell: string | number) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/**
 * A table as CSV, UTF-8 with a byte order mark: without it Excel reads the file in the machine's legacy code
 * page and Kazakh names come out as mojibake. csv-stringify quotes what needs quoting (commas, quotes, line breaks).
 */
export function toCsv(table: DataTable): Buffer {
  const rows = table.rows.map((row) => row.map(guarded));
  return Buffer.from(stringify([table.columns, ...rows], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

/** The tables as one workbook, a sheet each, numbers as numbers, so the analyst's sums work at once. */
export async function toXlsx(tables: readonly DataTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Roundtable';
  for (const table of tables) {
    const sheet = book.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(
        ...[table.columns[i], ...table.rows.map((r) => r[i])].map((v) => String(v ?? '').length),
      );
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
