import { refusal } from '@roundtable/shared';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** Body-parser and unexpected errors become the same `{ ok: false, code, message }` as everything else. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).json(refusal('body_too_large'));
      return;
    }
    if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
      res.status(400).json(refusal('not_json'));
      return;
    }
    log.error({ err }, 'unhandled request error');
    res.status(500).json(refusal('internal'));
  };
}
