import express, { type Response, type Router } from 'express';
import type { Lang, RoundtableState } from '@roundtable/shared';
import type { AppendedSection, ExportDoc } from '../exports/exportDoc.js';
import { outcomeDocument } from '../exports/exportDoc.js';
import { minutesLabels } from '../exports/labels.js';
import { minutesOf, type Minutes } from '../exports/minutes.js';
import { minutesDocument } from '../exports/minutesDoc.js';
import { documentSections } from '../exports/sections.js';
import { delegationsTable, speechesTable } from '../exports/tables.js';
import { exportDocx } from '../exports/toDocx.js';
import { exportMarkdown } from '../exports/toMarkdown.js';
import { exportPdf } from '../exports/toPdf.js';
import { toCsv, toXlsx } from '../exports/toSheets.js';
import type { Gate } from '../session/authenticate.js';
import { attachment, exportFileName, exportHeader, exportLanguage } from '../yjs/exportHeader.js';
import type { DocVersions } from '../yjs/versions.js';
import { withSession } from './session.js';

/** What another feature appends to the minutes and the document's PDF (the review's sign-off record). */
export type Appendix = (state: RoundtableState, lang: Lang) => AppendedSection[];

const TYPES = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function download(res: Response, stem: string, extension: keyof typeof TYPES, body: string | Buffer): void {
  const { state } = res.locals;
  const name = exportFileName({ ...exportHeader(state, state.languages[0] ?? 'en'), title: stem }, extension);
  res.set('content-disposition', attachment(name));
  res.type(TYPES[extension]).send(body);
}

/** The minutes, the document's PDF and the analysts' tables of a roundtable, each a download. */
export function minutesRouter(gate: Gate, versions: DocVersions, appendix: Appendix = () => []): Router {
  const router = express.Router({ mergeParams: true });
  const minutesReader = withSession(gate, { action: 'minutes.read', refused: 'minutes_forbidden' });
  const documentReader = withSession(gate, { action: 'document.read', refused: 'document_forbidden' });

  const minutes = async (state: RoundtableState, lang: Lang): Promise<Minutes> => {
    const [sections, attendance] = await Promise.all([
      versions.read(state.id, documentSections),
      gate.store.attendance(state.id),
    ]);
    return minutesOf(state, sections, attendance, lang, Date.now());
  };
  const minutesExport = async (res: Response, requested: unknown): Promise<{ doc: ExportDoc; stem: string }> => {
    const { state } = res.locals;
    const lang = exportLanguage(state, requested);
    const doc = minutesDocument(await minutes(state, lang), appendix(state, lang));
    return { doc, stem: `${exportHeader(state, lang).title} ${minutesLabels(lang).minutes}` };
  };

  router.get('/minutes.md', minutesReader, async (req, res) => {
    const { doc, stem } = await minutesExport(res, req.query.lang);
    download(res, stem, 'md', exportMarkdown(doc));
  });
  router.get('/minutes.docx', minutesReader, async (req, res) => {
    const { doc, stem } = await minutesExport(res, req.query.lang);
    download(res, stem, 'docx', await exportDocx(doc));
  });
  router.get('/minutes.pdf', minutesReader, async (req, res) => {
    const { doc, stem } = await minutesExport(res, req.query.lang);
    download(res, stem, 'pdf', await exportPdf(doc));
  });
  router.get('/document.pdf', documentReader, async (req, res) => {
    const { state } = res.locals;
    const header = exportHeader(state, exportLanguage(state, req.query.lang));
    const doc = outcomeDocument(header, await versions.blocks(state.id), appendix(state, header.lang));
    download(res, header.title, 'pdf', await exportPdf(doc));
  });
  router.get('/speeches.csv', minutesReader, async (req, res) => {
    const { state } = res.locals;
    const lang = exportLanguage(state, req.query.lang);
    const table = speechesTable(await minutes(state, lang));
    download(res, `${exportHeader(state, lang).title} speeches`, 'csv', toCsv(table));
  });
  router.get('/statistics.csv', minutesReader, (req, res) => {
    const { state } = res.locals;
    const title = exportHeader(state, exportLanguage(state, req.query.lang)).title;
    download(res, `${title} statistics`, 'csv', toCsv(delegationsTable(state, Date.now())));
  });
  router.get('/statistics.xlsx', minutesReader, async (req, res) => {
    const { state } = res.locals;
    const lang = exportLanguage(state, req.query.lang);
    const tables = [speechesTable(await minutes(state, lang)), delegationsTable(state, Date.now())];
    download(res, `${exportHeader(state, lang).title} statistics`, 'xlsx', await toXlsx(tables));
  });
  return router;
}
