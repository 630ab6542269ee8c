import express, { type Request, type RequestHandler, type Router } from 'express';
import { ARCHIVE_FILES, refusal } from '@roundtable/shared';
import { Editions } from '../editions.js';
import type { Roundtables } from '../roundtables.js';
import { sessionOf, type Gate } from '../session/authenticate.js';
import type { Store } from '../store/store.js';
import type { Documents } from '../yjs/documents.js';
import { withSession } from './session.js';
import { send } from './status.js';

export interface SeriesDeps {
  roundtables: Roundtables;
  store: Store;
  documents: Documents;
  linkBase: (req: Request) => string;
  /** The same count as creating a roundtable (api.ts): a next edition is a new roundtable. */
  createLimit: RequestHandler;
}

const ARCHIVE: ReadonlySet<string> = new Set(ARCHIVE_FILES);

/**
 * Editions and their series. Registered in api.ts before the export routes, without a mount path: a
 * moderator of one edition reads another edition's archive through
 * `GET /roundtables/:id/series/:editionId/<file>`, which vouches for them (`res.locals.granted`, honoured by
 * withSession()) and hands the request on to that edition's own export route. Only those files, only GET:
 * their key gives them nothing else in the other edition.
 */
export function seriesRouter({ roundtables, store, documents, linkBase, createLimit }: SeriesDeps): Router {
  const router = express.Router();
  const gate: Gate = { roundtables, store };
  const editions = new Editions(roundtables, store, documents);
  const moderator = withSession(gate, { action: 'series.read', refused: 'series_forbidden' });

  router.get('/roundtables/:id/series', moderator, async (_req, res) => {
    send(res, await editions.list(res.locals.state));
  });

  router.post(
    '/roundtables/:id/editions',
    createLimit,
    withSession(gate, { action: 'edition.create', refused: 'series_forbidden' }),
    async (req, res) => {
      send(res, await editions.create(res.locals.state, req.body, linkBase(req)), 201);
    },
  );

  router.get('/roundtables/:id/series/:editionId/:file', moderator, async (req, res, next) => {
    const editionId = String(req.params.editionId);
    const file = String(req.params.file);
    if (!ARCHIVE.has(file)) return send(res, refusal('no_endpoint'));
    const { session, state } = res.locals;
    if (!(await editions.inSeries(state, editionId))) return send(res, refusal('not_in_series'));
    res.locals.granted = sessionOf(editionId, session.credential, session.actor);
    const query = req.url.indexOf('?');
    req.url = `/roundtables/${encodeURIComponent(editionId)}/${file}${query < 0 ? '' : req.url.slice(query)}`;
    next();
  });

  return router;
}
