import express, { type Request, type Response, type Router } from 'express';
import { can, describeIssues, SaveDocVersionRequest, type Action, refusal } from '@roundtable/shared';
import type { Roundtables } from '../roundtables.js';
import type { Store } from '../store/store.js';
import { toDocx } from '../yjs/docxExport.js';
import { attachment, exportFileName, exportHeader, exportLanguage } from '../yjs/exportHeader.js';
import { toPrintHtml } from '../yjs/htmlExport.js';
import type { DocVersions } from '../yjs/versions.js';
import { bearer } from './bearer.js';
import { send } from './status.js';

/** Resolves the caller and checks `action` with the one can(); answers the failure itself and returns null. */
function allowed(req: Request, res: Response, roundtables: Roundtables, store: Store, action: Action) {
  const state = roundtables.get(String(req.params.id));
  const credential = state && bearer(req, store, state.id);
  if (!state || !credential) return (send(res, refusal('no_key')), null);
  const who = roundtables.actorOf(state, { credential });
  if (!who.ok) return (send(res, who), null);
  if (!can(who.actor, action, state)) return (send(res, refusal('document_forbidden')), null);
  return { state, actor: who.actor };
}

/** Export and named versions of a roundtable's outcome document. */
export function documentRouter(roundtables: Roundtables, store: Store, versions: DocVersions): Router {
  const router = express.Router({ mergeParams: true });

  router.get('/document.md', (req, res) => {
    const ok = allowed(req, res, roundtables, store, 'document.read');
    if (!ok) return;
    const header = exportHeader(ok.state, exportLanguage(ok.state, req.query.lang));
    res.set('content-disposition', attachment(exportFileName(header, 'md')));
    res.type('text/markdown; charset=utf-8').send(versions.markdown(ok.state.id));
  });
  router.get('/document.docx', async (req, res) => {
    const ok = allowed(req, res, roundtables, store, 'document.read');
    if (!ok) return;
    const header = exportHeader(ok.state, exportLanguage(ok.state, req.query.lang));
    const file = await toDocx(versions.blocks(ok.state.id), header);
    res.set('content-disposition', attachment(exportFileName(header, 'docx')));
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(file);
  });
  router.get('/document.html', (req, res) => {
    const ok = allowed(req, res, roundtables, store, 'document.read');
    if (!ok) return;
    const header = exportHeader(ok.state, exportLanguage(ok.state, req.query.lang));
    // A page of our own making with people's text in it: no scripts, whatever it contains.
    res.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    res.type('text/html; charset=utf-8').send(toPrintHtml(versions.blocks(ok.state.id), header, Date.now()));
  });
  router.get('/document/versions', (req, res) => {
    const ok = allowed(req, res, roundtables, store, 'document.read');
    if (ok) res.json({ versions: versions.list(ok.state.id) });
  });
  router.get('/document/versions/:versionId', (req, res) => {
    const ok = allowed(req, res, roundtables, store, 'document.read');
    if (!ok) return;
    const markdown = versions.view(ok.state.id, String(req.params.versionId));
    if (markdown === undefined) return send(res, refusal('document_version_not_found'));
    res.json({ markdown });
  });
  router.post('/document/versions', (req, res) => {
    const ok = allowed(req, res, roundtables, store, 'document.write');
    if (!ok) return;
    const parsed = SaveDocVersionRequest.safeParse(req.body);
    if (!parsed.success) return send(res, refusal('invalid_version', { details: describeIssues(parsed.error) }));
    send(res, versions.save(ok.state.id, parsed.data.name, JSON.stringify(ok.actor)), 201);
  });
  router.post('/document/versions/:versionId/restore', (req, res) => {
    const ok = allowed(req, res, roundtables, store, 'document.write');
    if (!ok) return;
    if (!versions.restore(ok.state.id, String(req.params.versionId))) {
      return send(res, refusal('document_version_not_found'));
    }
    res.json({ ok: true });
  });
  return router;
}
