import { randomInt } from 'node:crypto';

/**
 * The shared test Redis (TEST_REDIS_URL), in a logical database picked at random: Socket.IO's adapter stream
 * is per database, so the nodes of other test files running meanwhile mostly do not hear ours (and would
 * only learn of roundtables they do not hold if they did).
 */
export function sharedRedisUrl(): string {
  const shared = process.env.TEST_REDIS_URL;
  if (!shared)
    throw new Error('TEST_REDIS_URL is not set: start one with `export TEST_REDIS_URL=$(scripts/redis.sh start)`.');
  const url = new URL(shared);
  url.pathname = `/${randomInt(1, 16)}`;
  return url.toString();
}
