import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { testRedisUrl } from '../testing.ts';
import { createRateLimits, type RateLimitOptions } from './rate-limits.ts';

const quick: Partial<RateLimitOptions> = {
  baseDelayMs: 0,
  signInFailures: 10,
  signInFailuresPerAccount: 20,
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

/** Reserves `n` attempts at once; how many were granted. */
async function granted(
  limits: ReturnType<typeof createRateLimits>,
  n: number,
  account: string,
  ip: (i: number) => string,
) {
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => limits.reserveAttempt(account, ip(i))),
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(DomainError);
  }
  return outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
}

describe('rate limits in memory', () => {
  it('locks an account+IP pair after 10 failures and counts each request against its key', async () => {
    const limits = createRateLimits(quick);
    for (let i = 0; i < 10; i += 1) await limits.reserveAttempt('a@example.com', '1.1.1.1');
    const locked = await refusal(limits.reserveAttempt('A@example.com', '1.1.1.1'));
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.retryAfterSeconds).toBeGreaterThan(890);
    expect(locked.message).toBe('Too many attempts. Try again in 15 minutes.');
    await expect(limits.reserveAttempt('b@example.com', '1.1.1.1')).resolves.toBeDefined();
    await expect(limits.reserveAttempt('a@example.com', '2.2.2.2')).resolves.toBeDefined();

    for (let i = 0; i < 5; i += 1) await limits.consumeRequest('user:1');
    const requests = await refusal(limits.consumeRequest('user:1'));
    expect(requests.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(requests.message).toMatch(/^Too many requests\. Try again in \d+ seconds?\.$/);
    await expect(limits.consumeRequest('user:2')).resolves.toBeUndefined();
  });

  it('grants at most the policy’s number of attempts however many arrive at once', async () => {
    for (const n of [11, 40, 150]) {
      const limits = createRateLimits(quick);
      expect(await granted(limits, n, 'victim@example.com', () => '9.9.9.9')).toBe(10);
    }
  });

  it('limits one account across addresses, so rotating addresses does not help', async () => {
    const limits = createRateLimits(quick);
    expect(await granted(limits, 60, 'victim@example.com', (i) => `10.0.${i}.1`)).toBe(20);
    // Another account from those addresses is unaffected.
    await expect(limits.reserveAttempt('other@example.com', '10.0.1.1')).resolves.toBeDefined();
  });

  it('refunds a right answer, so a person who signs in is never locked out by their own use', async () => {
    const limits = createRateLimits(quick);
    for (let i = 0; i < 50; i += 1) {
      const attempt = await limits.reserveAttempt('me@example.com', '3.3.3.3');
      await attempt.succeeded();
    }
    // Nine wrong, a right one (which forgets them), nine wrong again: never locked.
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 9; i += 1) await limits.reserveAttempt('me@example.com', '3.3.3.3');
      await (await limits.reserveAttempt('me@example.com', '3.3.3.3')).succeeded();
    }
    await expect(limits.reserveAttempt('me@example.com', '3.3.3.3')).resolves.toBeDefined();
  });

  it('refunds a right password without forgetting the wrong codes around it', async () => {
    const limits = createRateLimits({ ...quick, signInFailures: 3 });
    await limits.reserveAttempt('twofa@example.com', '6.6.6.6');
    for (let i = 0; i < 5; i += 1) {
      await (await limits.reserveAttempt('twofa@example.com', '6.6.6.6')).refund();
    }
    await limits.reserveAttempt('twofa@example.com', '6.6.6.6');
    await limits.reserveAttempt('twofa@example.com', '6.6.6.6');
    expect((await refusal(limits.reserveAttempt('twofa@example.com', '6.6.6.6'))).code).toBe(
      'RATE_LIMITED',
    );
  });

  it('charges a refused attempt to no other budget', async () => {
    const limits = createRateLimits({ ...quick, signInFailures: 2, signInFailuresPerAccount: 5 });
    for (let i = 0; i < 2; i += 1) await limits.reserveAttempt('x@example.com', '4.4.4.4');
    for (let i = 0; i < 30; i += 1)
      await refusal(limits.reserveAttempt('x@example.com', '4.4.4.4'));
    // The account's budget saw two attempts, not 32: three more from elsewhere still pass.
    expect(await granted(limits, 3, 'x@example.com', (i) => `5.5.5.${i}`)).toBe(3);
  });

  it('delays repeated failures progressively before refusing', async () => {
    const limits = createRateLimits({ baseDelayMs: 20, maxDelayMs: 80 });
    const started = performance.now();
    await limits.reserveAttempt('slow@example.com', '3.3.3.3');
    const first = performance.now() - started;
    for (let i = 0; i < 3; i += 1) await limits.reserveAttempt('slow@example.com', '3.3.3.3');
    const before = performance.now();
    await limits.reserveAttempt('slow@example.com', '3.3.3.3');
    // 4 earlier failures: 20 × 2³ = 160, capped at 80 ms.
    expect(performance.now() - before).toBeGreaterThanOrEqual(75);
    expect(first).toBeLessThan(75);
  });
});

const redisUrl = testRedisUrl;
describe.runIf(redisUrl)('rate limits in Redis', () => {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((client) => client.disconnect()));

  it('share their counters between server instances, also under concurrency', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const instance = async () => {
      const redis = new Redis(redisUrl!, { enableOfflineQueue: true, lazyConnect: false });
      clients.push(redis);
      await redis.ping();
      return createRateLimits({ ...quick, redis, keyPrefix });
    };
    const [first, second] = await Promise.all([instance(), instance()]);
    const both = await Promise.all([
      granted(first, 20, 'shared@example.com', () => '4.4.4.4'),
      granted(second, 20, 'shared@example.com', () => '4.4.4.4'),
    ]);
    expect(both[0] + both[1]).toBe(10);
    expect((await refusal(second.reserveAttempt('shared@example.com', '4.4.4.4'))).code).toBe(
      'RATE_LIMITED',
    );
    for (let i = 0; i < 5; i += 1) await (i % 2 ? first : second).consumeRequest('ip:5.5.5.5');
    expect((await refusal(first.consumeRequest('ip:5.5.5.5'))).code).toBe('RATE_LIMITED');
    expect(await first.storeStatus()).toBe('redis');
  });
});
