import type { RequestHandler } from 'express';
import { failure } from '../roundtables.js';

/**
 * A fixed one-minute window per client address: enough to stop guessing join codes, cheap to keep.
 * Old windows are dropped as they expire, so memory stays bounded by the addresses seen in a minute.
 */
export function rateLimit(perMinute: number, message: string): RequestHandler {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      counts = new Map();
    }
    const key = req.ip ?? 'unknown';
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > perMinute) {
      res.setHeader('Retry-After', String(Math.ceil((windowStart + 60_000 - now) / 1000)));
      res.status(429).json(failure('rate_limited', message));
      return;
    }
    next();
  };
}
