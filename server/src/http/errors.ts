import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { failure } from '../roundtables.js';

/** Body-parser and unexpected errors become the same `{ ok: false, code, message }` as everything else. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).json(failure('too_large', 'The request body is too large.'));
      return;
    }
    if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
      res.status(400).json(failure('invalid', 'The request body is not valid JSON.'));
      return;
    }
    log.error({ err }, 'unhandled request error');
    res.status(500).json(failure('internal', 'Something went wrong on our side; nothing was changed.'));
  };
}
