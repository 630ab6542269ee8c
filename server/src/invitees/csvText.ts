import { parse } from 'csv-parse/sync';
import { refusal, type Failure } from '@roundtable/shared';

/**
 * The text of a CSV file, whatever Excel saved it as. UTF-8 first ("CSV UTF-8"; its byte order mark is
 * dropped), and UTF-16 when a byte order mark says so ("Unicode text", tab-separated). Otherwise the
 * file is read as Windows-1251: that is what "CSV (comma delimited)" writes on a Russian or Kazakh
 * Windows, and refusing the desk's most common file would send people away with nothing to do. Two
 * things give a wrong guess away, and then the file is refused rather than shown as mojibake: a word
 * mixing Latin and Cyrillic letters (the file is in a Western code page: "Müller" reads "Mьller"), and
 * a "?" before a Cyrillic letter (Excel wrote "?" for the Kazakh letters Windows-1251 has not:
 * "Қасымов" saved as "?асымов"). Both say the same: save it as "CSV UTF-8".
 */
export function decodeCsv(bytes: Uint8Array): string | Failure {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decoded('utf-16le', bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decoded('utf-16be', bytes);
  const utf8 = decoded('utf-8', bytes);
  if (typeof utf8 === 'string') return utf8;
  const cyrillic = decoded('windows-1251', bytes);
  if (typeof cyrillic !== 'string' || MISREAD.test(cyrillic)) return refusal('sheet_encoding');
  return cyrillic;
}

const MISREAD = /\p{Script=Latin}\p{Script=Cyrillic}|\p{Script=Cyrillic}\p{Script=Latin}|\?\p{Script=Cyrillic}/u;

function decoded(encoding: string, bytes: Uint8Array): string | Failure {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return refusal('sheet_encoding');
  }
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of the header line, the first that is not empty: a comma, or the semicolon Excel writes
 * where the comma is the decimal sign (Russian and Kazakh settings), or a tab. Whichever separates more
 * of the header, outside quotes; a header of one column is read with commas.
 */
export function delimiterOf(text: string): (typeof DELIMITERS)[number] {
  const counts = new Map<string, number>();
  let quoted = false;
  let seen = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (seen) break;
    } else if (!quoted) {
      seen ||= char.trim() !== '';
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  return DELIMITERS.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best));
}

/** The records of a CSV text, at most `maxRecords` (one more, to tell that there were more). */
export function csvRecords(text: string, maxRecords: number): string[][] | Failure {
  try {
    return parse(text, {
      delimiter: delimiterOf(text),
      // Whatever each line ends with: a list pasted together from two machines has both.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // `ТОО "Казахтелеком"` typed into a cell without quoting it round.
      relax_quotes: true,
      skip_empty_lines: false,
      to: maxRecords + 1,
    }) as string[][];
  } catch {
    return refusal('sheet_unreadable', { format: 'CSV' });
  }
}
