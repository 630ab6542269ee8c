import type { Failure } from '@roundtable/shared';
import { filenameOf } from '../document/api';
import { localFailure } from '../localFailure';

/** The minutes in three formats, and the analysts' tables (server/src/http/minutes.ts). */
export const MINUTES_FILES = ['minutes.pdf', 'minutes.docx', 'minutes.md'] as const;
export const TABLE_FILES = ['speeches.csv', 'statistics.csv', 'statistics.xlsx'] as const;
export type MinutesFile = (typeof MINUTES_FILES)[number] | (typeof TABLE_FILES)[number];

/** One export, made by the server now from what happened, with its labels in `lang`. */
export function downloadExport(
  roundtableId: string,
  key: string,
  file: MinutesFile,
  lang: string,
): Promise<{ blob: Blob; filename: string } | Failure> {
  return downloadFile(roundtableId, key, `${file}?lang=${lang}`);
}

/** A file of the roundtable's (`file` with its extension, and any query), fetched with the key. */
export async function downloadFile(
  roundtableId: string,
  key: string,
  file: string,
): Promise<{ blob: Blob; filename: string } | Failure> {
  try {
    const res = await fetch(`/api/roundtables/${encodeURIComponent(roundtableId)}/${file}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    if (!res.ok) return (await res.json()) as Failure;
    const extension = file.slice(file.indexOf('.') + 1).split('?')[0] ?? '';
    return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition'), extension) };
  } catch {
    return localFailure('unreachable');
  }
}

/** Hands a downloaded file to the browser, as a link the person clicked would. */
export function saveFile({ blob, filename }: { blob: Blob; filename: string }): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
