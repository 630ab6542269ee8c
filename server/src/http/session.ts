import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, refusal, type Action, type Reason, type RoundtableState } from '@roundtable/shared';
import { authenticate, isSession, type Gate, type Session } from '../session/authenticate.js';
import { send } from './status.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Express types res.locals
  namespace Express {
    interface Locals {
      /** Set by withSession(): who is asking, and the state they were authenticated against. */
      session: Session;
      state: RoundtableState;
      /** A session another route vouches for (series.ts: a moderator of one edition reading another's exports). */
      granted?: Session;
    }
  }
}

/** `Authorization: Bearer <secret>`: a link's secret or a participant device's token. */
export const bearer = (req: Request): string | undefined =>
  /^Bearer\s+(\S+)$/.exec(req.get('authorization') ?? '')?.[1];

/**
 * The one Express middleware for every route under /roundtables/:id that needs a key: authenticate()
 * resolves the caller, and `action` (when given) is checked with the one can(); a route that runs
 * finds the Session and its state in `res.locals`. A failure is answered here and the route never runs.
 */
export function withSession(gate: Gate, action?: { action: Action; refused: Reason }): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const id = String(req.params.id);
    const granted = res.locals.granted?.roundtableId === id ? res.locals.granted : undefined;
    const session = granted ?? (await authenticate(gate, id, bearer(req)));
    if (!isSession(session)) return send(res, session);
    const state = await gate.roundtables.get(session.roundtableId);
    if (!state) return send(res, refusal('unknown_key'));
    if (action && !can(session.actor, action.action, state)) return send(res, refusal(action.refused));
    res.locals.session = session;
    res.locals.state = state;
    next();
  };
}
