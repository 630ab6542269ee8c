import express, { type Request, type Router } from 'express';
import { viewFor, refusal } from '@roundtable/shared';
import { createRoundtableFromInput } from '../create.js';
import { join, previewJoin } from '../join.js';
import type { Roundtables } from '../roundtables.js';
import { signOffAppendix } from '../exports/signOff.js';
import { documentRouter } from './document.js';
import { minutesRouter } from './minutes.js';
import { inviteesRouter } from './invitees.js';
import { personalDataRouter } from './personalData.js';
import { seriesRouter } from './series.js';
import { invitationsRouter } from './invitations.js';
import { instanceRouter, type InstanceDeps } from './instance.js';
import { organiserOnly } from './keys.js';
import type { Documents } from '../yjs/documents.js';
import type { DocVersions } from '../yjs/versions.js';
import type { CommandRate } from '../inbound/commandRate.js';
import type { Store } from '../store/store.js';
import { rateLimit } from './rateLimit.js';
import { withSession } from './session.js';
import { send } from './status.js';
import { loadDemo } from '../demo/scenario.js';

export interface ApiDeps {
  roundtables: Roundtables;
  store: Store;
  /** The base of the links an answer carries, by the one rule (links.ts). */
  linkBase: (req: Request) => string;
  joinRateLimit: number;
  createRateLimit: number;
  versions: DocVersions;
  commandRate: CommandRate;
  documents: Documents;
  /** Who may create roundtables, and the operator's routes (instance.ts). */
  instance: InstanceDeps;
}

export function apiRouter(deps: ApiDeps): Router {
  const { roundtables, store, linkBase, joinRateLimit, createRateLimit, versions, commandRate } = deps;
  const api = express.Router();
  const joinLimit = rateLimit(joinRateLimit, 'rate_limited_join');
  // One count for every way of making a roundtable: created, the demo, a next edition; then ORGANISER_KEY, when set.
  const createLimit = express
    .Router()
    .use(rateLimit(createRateLimit, 'rate_limited_create'), organiserOnly(deps.instance.organiserKey));

  api.post('/roundtables', createLimit, async (req, res) => {
    send(res, await createRoundtableFromInput(roundtables, store, linkBase(req), req.body), 201);
  });
  api.post('/demo', createLimit, async (req, res) => {
    send(res, await loadDemo(roundtables, store, linkBase(req)), 201);
  });

  api.use(instanceRouter(deps.instance));

  const gate = { roundtables, store };
  api.use(seriesRouter({ ...deps, createLimit })); // before the export routes, which it hands a series' archive requests on to
  api.get('/roundtables/:id', withSession(gate), (_req, res) => {
    send(res, viewFor(res.locals.state, res.locals.session.audience));
  });

  api.get(
    '/roundtables/:id/events',
    withSession(gate, { action: 'events.read', refused: 'event_log_forbidden' }),
    async (req, res) => {
      const since = Math.max(0, Number.parseInt(String(req.query.since ?? '0'), 10) || 0);
      res.json({ events: await store.events(res.locals.session.roundtableId, since, 1000) });
    },
  );

  api.post('/roundtables/:id/commands', withSession(gate), async (req, res) => {
    const { roundtableId, credential } = res.locals.session;
    send(
      res,
      (await commandRate.admit(roundtableId, credential)) ??
        (await roundtables.execute(roundtableId, { credential, linkBase: linkBase(req) }, req.body)),
    );
  });

  api.use('/roundtables/:id', documentRouter(gate, versions, signOffAppendix));
  api.use('/roundtables/:id', minutesRouter(gate, versions, signOffAppendix));
  api.use('/roundtables/:id', inviteesRouter(gate, linkBase));
  api.use('/roundtables/:id', personalDataRouter(gate));

  api.get('/join/:code', joinLimit, async (req, res) =>
    send(res, await previewJoin(roundtables, store, String(req.params.code))),
  );
  api.post('/join', joinLimit, async (req, res) => send(res, await join(roundtables, store, req.body)));
  api.use(invitationsRouter({ roundtables, store, linkBase, joinLimit }));

  api.use((_req, res) => send(res, refusal('no_endpoint')));
  return api;
}
