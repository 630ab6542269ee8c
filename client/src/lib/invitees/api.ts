import { InviteeImportResult, InviteePreview, type Failure } from '@roundtable/shared';
import { isFailure } from '../api';
import { localFailure } from '../localFailure';

/** What the server reads a list of invitees as: by the file's own name, CSV or Excel. */
export const inviteeFormat = (file: File): 'csv' | 'xlsx' => (/\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv');

/** Sends a file of invitees; the answer is read with the shared schema. */
async function call<T>(
  roundtableId: string,
  key: string,
  path: string,
  parse: (data: unknown) => T,
  body: File,
): Promise<T | Failure> {
  try {
    const res = await fetch(`/api/roundtables/${encodeURIComponent(roundtableId)}/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
      body,
    });
    const data: unknown = await res.json();
    return isFailure(data) ? data : parse(data);
  } catch {
    return localFailure('unreachable');
  }
}

/** What importing the file would do, before anything is stored. */
export const previewInvitees = (roundtableId: string, key: string, file: File) =>
  call(roundtableId, key, `invitees/preview?format=${inviteeFormat(file)}`, (d) => InviteePreview.parse(d), file);

/**
 * Imports the file as previewed, in one command. `expect` is the number of rows the preview showed: if
 * the roster changed since (someone added at the desk), the server refuses and the new preview is shown.
 */
export const importInvitees = (roundtableId: string, key: string, file: File, expect: number) =>
  call(
    roundtableId,
    key,
    `invitees/import?format=${inviteeFormat(file)}&expect=${expect}`,
    (d) => InviteeImportResult.parse(d),
    file,
  );
