import express, { type Router } from 'express';
import { describeIssues, SaveDocVersionRequest, refusal } from '@roundtable/shared';
import { outcomeDocument, outcomeText } from '../exports/exportDoc.js';
import { exportDocx } from '../exports/toDocx.js';
import { exportMarkdown } from '../exports/toMarkdown.js';
import type { Gate } from '../session/authenticate.js';
import { attachment, exportFileName, exportHeader, exportLanguage } from '../yjs/exportHeader.js';
import { toPrintHtml } from '../yjs/htmlExport.js';
import type { DocVersions } from '../yjs/versions.js';
import type { Appendix } from './minutes.js';
import { withSession } from './session.js';
import { send } from './status.js';

/**
 * Export and named versions of a roundtable's outcome document. `appendix` ends the Markdown and Word
 * exports, as it ends the PDF (minutes.ts): the review's sign-off once the outcome is final.
 */
export function documentRouter(gate: Gate, versions: DocVersions, appendix: Appendix = () => []): Router {
  const router = express.Router({ mergeParams: true });
  const read = withSession(gate, { action: 'document.read', refused: 'document_forbidden' });
  const write = withSession(gate, { action: 'document.write', refused: 'document_forbidden' });

  router.get('/document.md', read, async (req, res) => {
    const { state } = res.locals;
    const header = exportHeader(state, exportLanguage(state, req.query.lang));
    res.set('content-disposition', attachment(exportFileName(header, 'md')));
    const blocks = await versions.blocks(state.id);
    const markdown = exportMarkdown(outcomeText(header, blocks, appendix(state, header.lang)));
    res.type('text/markdown; charset=utf-8').send(markdown);
  });
  router.get('/document.docx', read, async (req, res) => {
    const { state } = res.locals;
    const header = exportHeader(state, exportLanguage(state, req.query.lang));
    const blocks = await versions.blocks(state.id);
    const file = await exportDocx(outcomeDocument(header, blocks, appendix(state, header.lang)));
    res.set('content-disposition', attachment(exportFileName(header, 'docx')));
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(file);
  });
  router.get('/document.html', read, async (req, res) => {
    const { state } = res.locals;
    const header = exportHeader(state, exportLanguage(state, req.query.lang));
    const blocks = await versions.blocks(state.id);
    // A page of our own making with people's text in it: no scripts, whatever it contains.
    res.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    res.type('text/html; charset=utf-8').send(toPrintHtml(blocks, header, Date.now()));
  });
  router.get('/document/versions', read, async (_req, res) => {
    res.json({ versions: await versions.list(res.locals.state.id) });
  });
  router.get('/document/versions/:versionId', read, async (req, res) => {
    const { state } = res.locals;
    const markdown = await versions.view(state.id, String(req.params.versionId));
    if (markdown === undefined) return send(res, refusal('document_version_not_found'));
    res.json({ markdown });
  });
  router.post('/document/versions', write, async (req, res) => {
    const { state, session } = res.locals;
    const parsed = SaveDocVersionRequest.safeParse(req.body);
    if (!parsed.success) return send(res, refusal('invalid_version', { details: describeIssues(parsed.error) }));
    send(res, await versions.save(state.id, parsed.data.name, JSON.stringify(session.actor)), 201);
  });
  router.post('/document/versions/:versionId/restore', write, async (req, res) => {
    const { state } = res.locals;
    if (!(await versions.restore(state.id, String(req.params.versionId)))) {
      return send(res, refusal('document_version_not_found'));
    }
    res.json({ ok: true });
  });
  return router;
}
