/**
 * Rate limits (OWASP ASVS V6.3).
 *
 * Guesses at a secret — a password at sign-in, the current password when changing it, a
 * two-factor code — are limited per account and address, per account from any address, and per
 * address across accounts. An attempt is reserved before the secret is verified (consume first)
 * and refunded only when it was right, so however many guesses arrive at once, in parallel or in
 * one batch, at most the policy's number are ever verified. Before that limit, each further
 * attempt waits a doubling delay.
 *
 * Requests are limited per user when signed in and per address when not; a batched HTTP request
 * counts once (the caller decides what one request is), so a dashboard that asks five questions
 * per filter change never meets the limit.
 *
 * Counters live in memory by default, and in Redis when a client is given, so several server
 * instances share them. If Redis stops answering, each instance falls back to counting in its
 * own memory (rate-limiter-flexible's insurance limiter) until it is back: limits keep holding
 * per instance rather than every request failing, and `storeStatus()` reports the outage.
 */
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { DomainError } from '../errors.ts';

export interface RateLimitOptions {
  /** Wrong guesses allowed per account and address in the window (then 429 until it ends). */
  signInFailures: number;
  /** Wrong guesses allowed per account from all addresses together in the window. */
  signInFailuresPerAccount: number;
  /** Wrong guesses allowed per address across all accounts in the window. */
  signInFailuresPerIp: number;
  signInWindowSeconds: number;
  /** Registrations allowed per IP in the sign-in window. */
  registrationsPerIp: number;
  /** Requests per minute per signed-in user, and per address when not signed in; 0 = no limit. */
  requestsPerMinute: number;
  /** Delay added to an attempt per earlier wrong guess, doubling, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Shared counters; in memory when absent. */
  redis?: Redis;
  keyPrefix?: string;
}

export const DEFAULT_RATE_LIMITS: Omit<RateLimitOptions, 'redis'> = {
  signInFailures: 10,
  signInFailuresPerAccount: 20,
  signInFailuresPerIp: 100,
  signInWindowSeconds: 15 * 60,
  registrationsPerIp: 10,
  requestsPerMinute: 100,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
};

/** A reserved guess at a secret. Unless refunded, it counts as a wrong one. */
export interface Attempt {
  /**
   * The secret was right but proves only part of what is asked (the password, with a two-factor
   * code still to come): this attempt costs nothing, earlier wrong ones still count.
   */
  refund(): Promise<void>;
  /** Everything asked was proven: refund the attempt and forget this address's earlier failures. */
  succeeded(): Promise<void>;
}

export type RateLimitStoreStatus = 'memory' | 'redis' | 'redis-unavailable';

export interface RateLimits {
  /**
   * Reserves one guess at `account`'s secret from `ip`, before anything is verified. Throws
   * RATE_LIMITED when a budget is spent; otherwise waits the delay earlier failures earned.
   */
  reserveAttempt(account: string, ip: string): Promise<Attempt>;
  beforeRegistration(ip: string): Promise<void>;
  /** Counts one request against `key` (`user:<id>` or `ip:<addr>`); throws RATE_LIMITED past the limit. */
  consumeRequest(key: string): Promise<void>;
  /** Where the counters are kept right now, for readiness checks. */
  storeStatus(): Promise<RateLimitStoreStatus>;
}

/** How long a readiness check waits for Redis to answer. */
const REDIS_PING_TIMEOUT_MS = 1_000;

export function createRateLimits(overrides: Partial<RateLimitOptions> = {}): RateLimits {
  const options = { ...DEFAULT_RATE_LIMITS, ...overrides };
  const prefix = options.keyPrefix ?? 'outlay';
  const { redis } = options;
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
    return redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${prefix}:${name}`,
          points,
          duration,
          // Redis unreachable: count in this instance's memory instead of failing the request.
          insuranceLimiter: memory,
          rejectIfRedisNotReady: true,
        })
      : memory;
  };

  const window = options.signInWindowSeconds;
  const byAccountIp = limiter('attempts-account-ip', options.signInFailures, window);
  const byAccount = limiter('attempts-account', options.signInFailuresPerAccount, window);
  const byIp = limiter('attempts-ip', options.signInFailuresPerIp, window);
  const registrations = limiter('register-ip', options.registrationsPerIp, window);
  const requests =
    options.requestsPerMinute > 0 ? limiter('requests', options.requestsPerMinute, 60) : null;

  return {
    async reserveAttempt(account, ip) {
      const accountKey = account.toLowerCase();
      const budgets: [RateLimiterAbstract, string][] = [
        [byAccountIp, `${accountKey}|${ip}`],
        [byAccount, accountKey],
        [byIp, ip],
      ];
      const outcomes = await Promise.allSettled(budgets.map(([l, key]) => l.consume(key)));
      const refusals: RateLimiterRes[] = [];
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
        refusals.push(outcome.reason);
      }
      if (refusals.length > 0) {
        // A refused attempt verifies nothing, so it costs no other budget: hammering a locked
        // pair must not also lock the account for everyone else.
        await Promise.all(
          budgets
            .filter((_, index) => outcomes[index]!.status === 'fulfilled')
            .map(([budget, key]) => budget.reward(key, 1)),
        );
        throw rateLimited(Math.max(...refusals.map((refusal) => refusal.msBeforeNext)), 'attempts');
      }
      const earlier = Math.max(
        ...outcomes
          .slice(0, 2)
          .map((outcome) =>
            outcome.status === 'fulfilled' ? outcome.value.consumedPoints - 1 : 0,
          ),
      );
      if (earlier > 0 && options.baseDelayMs > 0) {
        const delay = Math.min(options.baseDelayMs * 2 ** (earlier - 1), options.maxDelayMs);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      return {
        async refund() {
          await Promise.all(budgets.map(([budget, key]) => budget.reward(key, 1)));
        },
        async succeeded() {
          await Promise.all([
            byAccountIp.delete(budgets[0]![1]),
            byAccount.reward(accountKey, 1),
            byIp.reward(ip, 1),
          ]);
        },
      };
    },
    async beforeRegistration(ip) {
      await consume(registrations, ip, 'attempts');
    },
    async consumeRequest(key) {
      if (requests) await consume(requests, key, 'requests');
    },
    async storeStatus() {
      if (!redis) return 'memory';
      if (redis.status !== 'ready') return 'redis-unavailable';
      try {
        await Promise.race([
          redis.ping(),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('timeout')), REDIS_PING_TIMEOUT_MS).unref(),
          ),
        ]);
        return 'redis';
      } catch {
        return 'redis-unavailable';
      }
    },
  };
}

async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  what: 'attempts' | 'requests',
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw rateLimited(error.msBeforeNext, what);
    throw error;
  }
}

/** The wait, in words a person can act on, and in `retryAfterSeconds` for the Retry-After header. */
function rateLimited(msBeforeNext: number, what: 'attempts' | 'requests'): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait =
    retryAfterSeconds < 90
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return new DomainError('RATE_LIMITED', `Too many ${what}. Try again in ${wait}.`, {
    retryAfterSeconds,
  });
}
