import type { RequestHandler } from 'express';
import { MAX_DEPTH, checkBounds } from '../inbound/bounds.js';
import { send } from './status.js';

/** The same size and depth bounds as every socket message, on a parsed JSON body, before any route walks it. */
export function bounded(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const refused = req.body === undefined ? undefined : checkBounds(req.body, { maxBytes, maxDepth: MAX_DEPTH });
    if (refused) return send(res, refused);
    next();
  };
}
