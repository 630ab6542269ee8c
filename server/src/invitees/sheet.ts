import { INVITEE_FILE_LIMITS, INVITEE_LIMITS, refusal, type Failure } from '@roundtable/shared';
import { csvRecords, decodeCsv } from './csvText.js';
import { unpackedBytes, workbookCells, type SheetBounds } from './workbook.js';

export type SheetKind = 'csv' | 'xlsx';

/**
 * How far a list may reach: INVITEE_LIMITS.rows rows of invitees under a header, in a file of at most
 * INVITEE_FILE_LIMITS.bytes. Empty lines cost little but are not free: a file of a million of them is
 * refused as too long, as is a workbook that would unpack to more than a list of invitees ever needs.
 */
const BOUNDS: SheetBounds = {
  lines: INVITEE_LIMITS.rows * 4,
  columns: INVITEE_FILE_LIMITS.columns,
  rows: INVITEE_LIMITS.rows,
};
// A list of 5,000 invitees is about 5 MB of sheet XML; three times that is as much as ExcelJS is given to hold.
const UNPACKED_BYTES = 16 * 1024 * 1024;

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024));
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An Excel 97–2003 workbook (.xls), which people still have: told to save it as .xlsx. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What a file says it is by its first bytes, when the request does not say. */
export const sheetKindOf = (bytes: Uint8Array): SheetKind => (startsWith(bytes, ZIP) ? 'xlsx' : 'csv');

/**
 * A list of invitees as rows of cells, each cell's text as a spreadsheet shows it: row i (1-based, as
 * the spreadsheet numbers it; a CSV record spanning lines inside quotes is one row) at index i - 1.
 * Trailing empty cells are dropped. The header is the preview's to find (shared/src/invitees/table.ts).
 */
export async function readSheet(bytes: Buffer, kind: SheetKind): Promise<string[][] | Failure> {
  if (bytes.length > INVITEE_FILE_LIMITS.bytes) {
    return refusal('sheet_too_large', { mib: mib(INVITEE_FILE_LIMITS.bytes) });
  }
  if (startsWith(bytes, OLE)) return refusal('sheet_format');
  let cells: string[][] | Failure;
  if (kind === 'xlsx') {
    if (!startsWith(bytes, ZIP)) return refusal('sheet_unreadable', { format: 'XLSX' });
    const unpacked = unpackedBytes(bytes, UNPACKED_BYTES);
    if (unpacked === null) return refusal('sheet_unreadable', { format: 'XLSX' });
    if (unpacked > UNPACKED_BYTES) return refusal('sheet_too_large', { mib: mib(INVITEE_FILE_LIMITS.bytes) });
    cells = await workbookCells(bytes, BOUNDS);
  } else {
    if (startsWith(bytes, ZIP)) return refusal('sheet_unreadable', { format: 'CSV' });
    const text = decodeCsv(bytes);
    if (typeof text !== 'string') return text;
    cells = csvRecords(text, BOUNDS.lines);
  }
  if (!Array.isArray(cells)) return cells;
  return bounded(cells.map(withoutTrailingBlanks));
}

function withoutTrailingBlanks(row: string[]): string[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] ?? '').trim() === '') end--;
  return end === row.length ? row : row.slice(0, end);
}

/** Refuses a list longer or wider than BOUNDS; the header row is not an invitee. */
function bounded(cells: string[][]): string[][] | Failure {
  const tooMany = refusal('sheet_too_many_rows', { max: INVITEE_LIMITS.rows });
  if (cells.length > BOUNDS.lines) return tooMany;
  if (cells.some((row) => row.length > BOUNDS.columns)) return refusal('sheet_too_wide', { max: BOUNDS.columns });
  const filled = cells.filter((row) => row.length > 0).length;
  return filled - 1 > INVITEE_LIMITS.rows ? tooMany : cells;
}
