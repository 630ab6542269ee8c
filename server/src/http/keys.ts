import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { ORGANISER_KEY_HEADER, refusal, type Reason } from '@roundtable/shared';
import { bearer } from './session.js';
import { send } from './status.js';

const digest = (key: string): Buffer => createHash('sha256').update(key).digest();

/** Equal keys, compared in constant time: hashed first, both sides have one length, so not even the key's leaks. */
export function sameKey(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Wrong keys one address may send per minute; after them, every key from it waits out the minute. */
const WRONG_KEYS_PER_MINUTE = 10;

interface KeyGate {
  /** The key of the configuration; undefined when it is not set. */
  expected: string | undefined;
  read: (req: Request) => string | undefined;
  /** What a request meets when no key is set: refused for this reason, or (null) let through. */
  unset: Reason | null;
  needed: Reason;
  wrong: Reason;
}

/** Lets through the requests that carry the configured key; the others are refused, and wrong ones counted. */
function keyGate(gate: KeyGate): RequestHandler {
  const wrongKeys = new RateLimiterMemory({ points: WRONG_KEYS_PER_MINUTE, duration: 60 });
  return async (req, res, next) => {
    const { expected } = gate;
    if (expected === undefined) return gate.unset === null ? next() : send(res, refusal(gate.unset));
    const address = req.ip ?? 'unknown';
    const spent = await wrongKeys.get(address);
    if (spent && spent.consumedPoints >= WRONG_KEYS_PER_MINUTE) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(spent.msBeforeNext / 1000))));
      return send(res, refusal('rate_limited_keys'));
    }
    const given = gate.read(req);
    if (given === undefined || given === '') return send(res, refusal(gate.needed));
    if (!sameKey(given, expected)) {
      await wrongKeys.penalty(address, 1);
      return send(res, refusal(gate.wrong));
    }
    next();
  };
}

/** Creating roundtables: open to anyone without ORGANISER_KEY; with it, only to requests carrying it. */
export const organiserOnly = (organiserKey: string | undefined): RequestHandler =>
  keyGate({
    expected: organiserKey,
    read: (req) => req.get(ORGANISER_KEY_HEADER)?.trim(),
    unset: null,
    needed: 'organiser_key_needed',
    wrong: 'organiser_key_wrong',
  });

/** The operator's API: off without OPERATOR_KEY; with it, `Authorization: Bearer <OPERATOR_KEY>`. */
export const operatorOnly = (operatorKey: string | undefined): RequestHandler =>
  keyGate({
    expected: operatorKey,
    read: bearer,
    unset: 'operator_off',
    needed: 'operator_key_needed',
    wrong: 'operator_key_wrong',
  });
