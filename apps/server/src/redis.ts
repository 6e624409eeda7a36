import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

/**
 * Says when Redis goes away and when it is back. While it is away the rate limits count in each
 * instance's memory (packages/api/src/rate-limit/rate-limits.ts): requests keep being answered,
 * but instances no longer share their counts, which an operator should know. One warning per
 * outage, not one per reconnection attempt.
 */
export function watchRedis(redis: Redis, log: Pick<FastifyBaseLogger, 'warn' | 'info'>): void {
  let away = false;
  const lost = (reason: string) => {
    if (away) return;
    away = true;
    log.warn(
      { redis: reason },
      'Redis is unreachable: rate limits now count in this instance’s memory until it is back',
    );
  };
  // A lost connection shows as an error on the first reconnection attempt (ECONNREFUSED…).
  redis.on('error', (error: Error) => lost(error.message));
  redis.on('ready', () => {
    if (!away) return;
    away = false;
    log.info('Redis is reachable again: rate limits are shared between instances');
  });
}
