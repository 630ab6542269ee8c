import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { INVITEE_FILE_LIMITS, previewInvitees, refusal, viewFor, type InviteePreview } from '@roundtable/shared';
import { writeInvitees } from '../invitees/export.js';
import { readSheet, sheetKindOf, type SheetKind } from '../invitees/sheet.js';
import type { Gate } from '../session/authenticate.js';
import type { Failure } from '@roundtable/shared';
import { exportHeader } from '../yjs/exportHeader.js';
import { download } from './minutes.js';
import { withSession } from './session.js';
import { send } from './status.js';

const tooLarge = () => refusal('sheet_too_large', { mib: INVITEE_FILE_LIMITS.bytes / (1024 * 1024) });

/**
 * The file as the body, whatever type the browser gives it (a CSV is text/csv, text/plain or
 * application/vnd.ms-excel, depending on the machine): only a JSON body, which the API parsed before,
 * is not a file. Read only after the key is checked, so a stranger cannot make us hold 5 MiB.
 */
const file = express.raw({ type: () => true, limit: INVITEE_FILE_LIMITS.bytes });

/** express.raw()'s "too large" as the list's own refusal, which says the limit; other errors go on. */
const fileTooLarge: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if ((err as { type?: string }).type === 'entity.too.large') return send(res, tooLarge());
  next(err);
};

const kindOf = (requested: unknown, bytes: Buffer): SheetKind =>
  requested === 'csv' || requested === 'xlsx' ? requested : sheetKindOf(bytes);

/** What a file of invitees would do to the roundtable as it is now. */
async function previewOf(req: Request, res: Response): Promise<InviteePreview | Failure> {
  const bytes: unknown = req.body;
  const format = req.query.format;
  const named = format === undefined || format === '' || format === 'csv' || format === 'xlsx';
  if (!named || !Buffer.isBuffer(bytes) || bytes.length === 0) return refusal('sheet_format');
  const cells = await readSheet(bytes, kindOf(format, bytes));
  if (!Array.isArray(cells)) return cells;
  const { state } = res.locals;
  return previewInvitees(cells, state, state.languages[0] ?? 'en');
}

/**
 * The list of invitees as a file, both ways: the preview of a file to import, and the list as it is.
 * The import sends the file again and applies the preview's rows as one `invitee.import`, through the one
 * command path: a list of 5,000 names is megabytes of JSON no command message could carry.
 */
export function inviteesRouter(gate: Gate, linkBase: (req: Request) => string): Router {
  const router = express.Router({ mergeParams: true });
  const importer = withSession(gate, { action: 'invitee.import', refused: 'invitees_forbidden' });
  const reader = withSession(gate, { action: 'invitations.read', refused: 'invitees_forbidden' });

  router.post('/invitees/preview', importer, file, async (req, res) => {
    // Names and e-mail addresses: personal data, kept by no cache on the way.
    res.set('cache-control', 'no-store');
    send(res, await previewOf(req, res));
  });

  // `expect`: the rows the person saw in the preview; if the roster moved since, they see the new one first.
  router.post('/invitees/import', importer, file, async (req, res) => {
    const preview = await previewOf(req, res);
    if ('ok' in preview) return send(res, preview);
    const rows = preview.rows.length;
    const expected = /^\d{1,5}$/.test(String(req.query.expect)) ? Number(req.query.expect) : NaN;
    if (Number.isNaN(expected))
      return send(res, refusal('invalid_form', { details: 'expect: the number of rows previewed' }));
    if (rows === 0 || rows !== expected) return send(res, refusal('invitees_changed', { expected, rows }));
    const { roundtableId, credential } = res.locals.session;
    const command = { type: 'invitee.import', invitees: preview.rows.map((r) => r.invitee) };
    const sender = { credential, linkBase: linkBase(req) };
    const ack = await gate.roundtables.execute(roundtableId, sender, {
      baseVersion: res.locals.state.version,
      command,
    });
    send(res, ack.ok ? { imported: rows, version: ack.version } : ack);
  });

  const exported = (format: 'csv' | 'xlsx') => async (_req: unknown, res: Response) => {
    const { state, session } = res.locals;
    const title = exportHeader(state, state.languages[0] ?? 'en').title;
    res.set('cache-control', 'no-store');
    // Written from the caller's own view: the desk's has no e-mail addresses or notes.
    const listed = viewFor(state, session.audience);
    download(res, `${title} invitees`, format, await writeInvitees(listed, format));
  };
  router.get('/invitees.csv', reader, exported('csv'));
  router.get('/invitees.xlsx', reader, exported('xlsx'));
  router.use(fileTooLarge);
  return router;
}
