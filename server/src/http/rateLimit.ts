import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { refusal, type Reason } from '@roundtable/shared';

/**
 * At most `perMinute` requests per client address per minute: enough to stop guessing join codes.
 * The same limiter as the command rate (inbound/commandRate.ts), so a cluster can count in Redis.
 */
export function rateLimit(perMinute: number, reason: Reason): RequestHandler {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (req, res, next) => {
    try {
      await limiter.consume(req.ip ?? 'unknown');
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(refused.msBeforeNext / 1000))));
      res.status(429).json(refusal(reason));
      return;
    }
    next();
  };
}
