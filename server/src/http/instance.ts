import express, { type Router } from 'express';
import type { InstanceInfo } from '@roundtable/shared';
import type { Operator } from '../operator.js';
import { operatorOnly } from './keys.js';
import { send } from './status.js';

export interface InstanceDeps {
  /** ORGANISER_KEY: creating a roundtable needs it when set (organiserOnly() in api.ts). */
  organiserKey: string | undefined;
  /** OPERATOR_KEY: the operator's routes are off without it. */
  operatorKey: string | undefined;
  operator: Operator;
}

/**
 * The server as a whole: what a page may know before it holds a key (`GET /instance`), and the
 * operator's routes under `/operator`, each behind OPERATOR_KEY (see docs/API.md, "The instance").
 */
export function instanceRouter({ organiserKey, operatorKey, operator }: InstanceDeps): Router {
  const router = express.Router();

  router.get('/instance', (_req, res) => {
    const info: InstanceInfo = {
      organiserKeyRequired: organiserKey !== undefined,
      operatorPage: operatorKey !== undefined,
    };
    send(res, info);
  });

  router.use('/operator', operatorOnly(operatorKey), (_req, res, next) => {
    // What the operator reads is the whole server's: no cache between it and them keeps a copy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/operator/roundtables', async (_req, res) => send(res, await operator.list()));
  router.post('/operator/roundtables/:id/archive', async (req, res) =>
    send(res, await operator.archive(String(req.params.id))),
  );
  router.post('/operator/roundtables/:id/restore', async (req, res) =>
    send(res, await operator.restore(String(req.params.id))),
  );
  router.delete('/operator/roundtables/:id', async (req, res) =>
    send(res, await operator.remove(String(req.params.id), req.body)),
  );

  return router;
}
