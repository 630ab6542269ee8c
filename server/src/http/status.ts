import type { ErrorCode, Failure } from '@roundtable/shared';
import type { Response } from 'express';

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  joining_locked: 423,
  banned: 403,
  rate_limited: 429,
  limit: 422,
  internal: 500,
};

/** Sends a success as 200 (or `okStatus`) and a failure with the HTTP status its code means. */
export function send<T extends object>(res: Response, result: T | Failure, okStatus = 200): void {
  if ('ok' in result && result.ok === false) {
    res.status(STATUS[result.code]).json(result);
    return;
  }
  res.status(okStatus).json(result);
}
