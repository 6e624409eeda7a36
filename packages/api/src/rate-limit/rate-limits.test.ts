import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createRateLimits, type RateLimitOptions } from './rate-limits.ts';

const quick: Partial<RateLimitOptions> = {
  baseDelayMs: 0,
  signInFailures: 10,
  requestsPerMinute: 5,
};

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('rate limits in memory', () => {
  it('locks an account+IP pair after 10 failures and counts each request against each key', async () => {
    const limits = createRateLimits(quick);
    for (let i = 0; i < 10; i += 1) {
      await limits.beforeSignIn('a@example.com', '1.1.1.1');
      await limits.signInFailed('a@example.com', '1.1.1.1');
    }
    const locked = await refusal(limits.beforeSignIn('A@example.com', '1.1.1.1'));
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.retryAfterSeconds).toBeGreaterThan(890);
    await expect(limits.beforeSignIn('b@example.com', '1.1.1.1')).resolves.toBeUndefined();
    await expect(limits.beforeSignIn('a@example.com', '2.2.2.2')).resolves.toBeUndefined();

    for (let i = 0; i < 5; i += 1) await limits.consumeRequest('user:1', 'ip:9');
    expect((await refusal(limits.consumeRequest('user:1'))).retryAfterSeconds).toBeLessThanOrEqual(
      60,
    );
    await expect(limits.consumeRequest('user:2')).resolves.toBeUndefined();
  });

  it('delays repeated failures progressively before refusing', async () => {
    const limits = createRateLimits({ baseDelayMs: 20, maxDelayMs: 80 });
    const started = performance.now();
    await limits.beforeSignIn('slow@example.com', '3.3.3.3');
    const first = performance.now() - started;
    for (let i = 0; i < 4; i += 1) await limits.signInFailed('slow@example.com', '3.3.3.3');
    const before = performance.now();
    await limits.beforeSignIn('slow@example.com', '3.3.3.3');
    // 4 earlier failures: 20 × 2³ = 160, capped at 80 ms.
    expect(performance.now() - before).toBeGreaterThanOrEqual(75);
    expect(first).toBeLessThan(75);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.runIf(redisUrl)('rate limits in Redis', () => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((client) => client.disconnect()));

  it('share their counters between server instances', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const instance = () => {
      const redis = new Redis(redisUrl!, { enableOfflineQueue: true, lazyConnect: false });
      clients.push(redis);
      return createRateLimits({ ...quick, redis, keyPrefix });
    };
    const [first, second] = [instance(), instance()];
    for (let i = 0; i < 10; i += 1) await first.signInFailed('shared@example.com', '4.4.4.4');
    expect((await refusal(second.beforeSignIn('shared@example.com', '4.4.4.4'))).code).toBe(
      'RATE_LIMITED',
    );
    for (let i = 0; i < 5; i += 1) await (i % 2 ? first : second).consumeRequest('ip:5.5.5.5');
    expect((await refusal(first.consumeRequest('ip:5.5.5.5'))).code).toBe('RATE_LIMITED');
  });
});
