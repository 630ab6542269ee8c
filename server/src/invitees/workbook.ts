import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { refusal, type Failure } from '@roundtable/shared';

/**
 * What an XLSX file holds once unpacked, counted by unpacking it with a cap, before ExcelJS reads it: the
 * sizes a zip's directory declares are the sender's word, and a few megabytes can unpack to gigabytes (a
 * "zip bomb") that ExcelJS would hold all at once. Infinity past `limit`; null when it is not a zip we read.
 */
export function unpackedBytes(zip: Buffer, limit: number): number | null {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) return null;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    const entry = entryData(zip, zip.readUInt32LE(at + 42), zip.readUInt32LE(at + 20));
    if (!entry) return null;
    const method = zip.readUInt16LE(at + 10);
    const size = method === 0 ? entry.length : method === 8 ? inflated(entry, limit - total) : null;
    if (size === null) return null;
    total += size;
    if (total > limit) return Infinity;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/** An entry's stored bytes, found through its local header. */
function entryData(zip: Buffer, offset: number, compressed: number): Buffer | null {
  if (offset + 30 > zip.length || zip.readUInt32LE(offset) !== 0x04034b50) return null;
  const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
  return start + compressed > zip.length ? null : zip.subarray(start, start + compressed);
}

/** The entry's size unpacked, unpacking at most one byte past what is left: Infinity beyond it. */
function inflated(data: Buffer, left: number): number | null {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, left + 1) }).length;
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? Infinity : null;
  }
}

/** A cell as the person sees it: rich text's words, a formula's result, a hyperlink's text, a date's day. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    // Excel's dates have no zone: ExcelJS reads them as UTC, so a day is midnight UTC.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  // A hyperlink's text may be rich text itself, whatever the types say.
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return '';
}

export interface SheetBounds {
  /** The lines (empty ones too) and columns a list may span. */
  lines: number;
  columns: number;
  /** The rows of invitees a list may have, which a file with too many lines is told. */
  rows: number;
}

/** The first visible worksheet's cells as text, row i at index i - 1 as the sheet numbers them. */
export async function workbookCells(bytes: Buffer, bounds: SheetBounds): Promise<string[][] | Failure> {
  const book = new ExcelJS.Workbook();
  try {
    // ExcelJS types its Buffer as an ArrayBuffer; it reads a Node Buffer.
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return refusal('sheet_unreadable', { format: 'XLSX' });
  }
  const sheet = book.worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? book.worksheets[0];
  if (!sheet) return [];
  const cells: string[][] = [];
  let failure: Failure | undefined;
  sheet.eachRow((row, number) => {
    if (failure) return;
    if (number > bounds.lines) {
      failure = refusal('sheet_too_many_rows', { max: bounds.rows });
      return;
    }
    const texts: string[] = [];
    row.eachCell((cell, column) => {
      const text = cellText(cell.value);
      if (text === '') return;
      if (column > bounds.columns) failure ??= refusal('sheet_too_wide', { max: bounds.columns });
      else texts[column - 1] = text;
    });
    cells[number - 1] = Array.from(texts, (t) => t ?? '');
  });
  return failure ?? Array.from(cells, (row) => row ?? []);
}
