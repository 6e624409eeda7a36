/**
 * Rate limits (OWASP ASVS V6.3): sign-in and registration are limited per account+IP and per IP
 * before any password is hashed, with a growing delay and then a lock-out; every request is
 * limited per user and per IP. Counters live in memory by default, and in Redis when a client is
 * given, so several server instances share them.
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
  /** Failed sign-ins allowed per account and IP in the window (then 429 until it ends). */
  signInFailures: number;
  /** Failed sign-ins allowed per IP across all accounts in the window. */
  signInFailuresPerIp: number;
  signInWindowSeconds: number;
  /** Registrations allowed per IP in the sign-in window. */
  registrationsPerIp: number;
  /** Requests (each procedure of a batch counts) per user and per IP per minute; 0 = no limit. */
  requestsPerMinute: number;
  /** Delay added to a sign-in attempt per earlier failure, doubling, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Shared counters; in memory when absent. */
  redis?: Redis;
  keyPrefix?: string;
}

export const DEFAULT_RATE_LIMITS: Omit<RateLimitOptions, 'redis'> = {
  signInFailures: 10,
  signInFailuresPerIp: 100,
  signInWindowSeconds: 15 * 60,
  registrationsPerIp: 10,
  requestsPerMinute: 100,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
};

export interface RateLimits {
  /** Call before verifying a password. Throws RATE_LIMITED while locked out, else waits the delay. */
  beforeSignIn(account: string, ip: string): Promise<void>;
  signInFailed(account: string, ip: string): Promise<void>;
  signInSucceeded(account: string, ip: string): Promise<void>;
  beforeRegistration(ip: string): Promise<void>;
  /** Counts one request against each key (`user:<id>`, `ip:<addr>`); throws RATE_LIMITED past the limit. */
  consumeRequest(...keys: string[]): Promise<void>;
}

export function createRateLimits(overrides: Partial<RateLimitOptions> = {}): RateLimits {
  const options = { ...DEFAULT_RATE_LIMITS, ...overrides };
  const prefix = options.keyPrefix ?? 'outlay';
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract =>
    options.redis
      ? new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix: `${prefix}:${name}`,
          points,
          duration,
        })
      : new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });

  const window = options.signInWindowSeconds;
  const failuresByAccountIp = limiter('signin-account-ip', options.signInFailures, window);
  const failuresByIp = limiter('signin-ip', options.signInFailuresPerIp, window);
  const registrations = limiter('register-ip', options.registrationsPerIp, window);
  const requests =
    options.requestsPerMinute > 0 ? limiter('requests', options.requestsPerMinute, 60) : null;
  const pairKey = (account: string, ip: string) => `${account.toLowerCase()}|${ip}`;

  return {
    async beforeSignIn(account, ip) {
      const [pair, perIp] = await Promise.all([
        failuresByAccountIp.get(pairKey(account, ip)),
        failuresByIp.get(ip),
      ]);
      refuseWhenExhausted(pair, options.signInFailures);
      refuseWhenExhausted(perIp, options.signInFailuresPerIp);
      const failures = pair?.consumedPoints ?? 0;
      if (failures > 0 && options.baseDelayMs > 0) {
        const delay = Math.min(options.baseDelayMs * 2 ** (failures - 1), options.maxDelayMs);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    },
    async signInFailed(account, ip) {
      // Counting never throws here: the caller answers "wrong password" for this attempt, and
      // the next attempt is refused by beforeSignIn.
      await Promise.all([
        failuresByAccountIp.penalty(pairKey(account, ip), 1),
        failuresByIp.penalty(ip, 1),
      ]);
    },
    async signInSucceeded(account, ip) {
      await failuresByAccountIp.delete(pairKey(account, ip));
    },
    async beforeRegistration(ip) {
      await consume(registrations, ip);
    },
    async consumeRequest(...keys) {
      if (!requests) return;
      for (const key of keys) await consume(requests, key);
    },
  };
}

function refuseWhenExhausted(state: RateLimiterRes | null, allowed: number): void {
  if (state && state.consumedPoints >= allowed) throw rateLimited(state.msBeforeNext);
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw rateLimited(error.msBeforeNext);
    throw error;
  }
}

function rateLimited(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError('RATE_LIMITED', 'Too many attempts. Try again later.', {
    retryAfterSeconds,
  });
}
