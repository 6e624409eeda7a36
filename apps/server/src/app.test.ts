import {
  createRateLimits,
  createTokenService,
  generateSigningKeyPem,
  hashPassword,
} from '@outlay/api';
import { createOutlayClient, outlayErrorCode, type OutlayClient } from '@outlay/client';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '@outlay/db';
import { createTestDb, type TestDb } from '@outlay/db/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type OutlayApp } from './app.ts';
import { createApiDeps } from './deps.ts';

// Over real HTTP: the server listens on port 0 and the real @outlay/client talks to it.
let testDb: TestDb;
let app: OutlayApp;
let baseUrl: string;
const signingKeyPem = generateSigningKeyPem();
const tokenOptions = {
  privateKeyPem: signingKeyPem,
  issuer: 'outlay',
  audience: 'outlay',
  accessTokenTtlSeconds: 600,
};

beforeAll(async () => {
  testDb = await createTestDb();
  await seedDemo(testDb.db, { passwordHash: await hashPassword(DEMO_PASSWORD) });
  app = await buildApp({
    deps: createApiDeps({
      db: testDb.db,
      signingKeyPem,
      version: 'test',
      limits: createRateLimits({ requestsPerMinute: 0 }),
    }),
  });
  baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
});
afterAll(async () => {
  await app.close();
  await testDb.dispose();
});

async function signIn(email: string): Promise<{ client: OutlayClient; token: string }> {
  const session = await createOutlayClient({ url: baseUrl }).auth.login.mutate({
    email,
    password: DEMO_PASSWORD,
  });
  return {
    client: createOutlayClient({ url: baseUrl, token: session.accessToken }),
    token: session.accessToken,
  };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { data?: { code?: string; httpStatus?: number; zodIssues?: unknown[] } };
  }
  throw new Error('expected the call to fail');
}

describe('over HTTP with @outlay/client', () => {
  it('answers health checks', async () => {
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${baseUrl}/readyz`)).json()).toEqual({ ok: true, database: 'up' });
    expect(await createOutlayClient({ url: baseUrl }).system.health.query()).toEqual({
      ok: true,
      version: 'test',
    });
  });

  it('sends calls made together as one batch, or one request each with batch: false', async () => {
    const { token } = await signIn(DEMO_USERS[0]!.email);
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const calls = (client: OutlayClient) =>
      Promise.all([
        client.metrics.summary.query({ filter: {} }),
        client.metrics.byCategory.query({ filter: {} }),
      ]);
    const batched = await calls(createOutlayClient({ url: baseUrl, token, fetch: recording }));
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain('batch=1');
    urls.length = 0;
    const single = await calls(
      createOutlayClient({ url: baseUrl, token, fetch: recording, batch: false }),
    );
    expect(urls).toHaveLength(2);
    expect(urls.some((url) => url.includes('batch=1'))).toBe(false);
    expect(single).toEqual(batched);
  });

  it('splits more calls than a batch may hold into several batches, so none is refused', async () => {
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const client = createOutlayClient({ url: baseUrl, fetch: recording });
    const answers = await Promise.all(
      Array.from({ length: 45 }, () => client.system.health.query()),
    );
    expect(answers).toHaveLength(45);
    expect(urls).toHaveLength(3);
  });

  it('signs in each demo user and returns metrics that agree with each other', async () => {
    for (const demo of DEMO_USERS) {
      const { client } = await signIn(demo.email);
      expect((await client.auth.me.query()).email).toBe(demo.email);
      const filter = {};
      const [summary, overTime, byCategory] = await Promise.all([
        client.metrics.summary.query({ filter }),
        client.metrics.overTime.query({ filter, granularity: 'month' }),
        client.metrics.byCategory.query({ filter }),
      ]);
      expect(summary.totalSpend).toBeGreaterThan(0);
      expect(summary.totalIncome).toBeGreaterThan(0);
      expect(overTime.buckets.reduce((s, b) => s + b.spendMinor, 0)).toBe(summary.totalSpend);
      expect(byCategory.categories.reduce((s, c) => s + c.spendMinor, 0)).toBe(summary.totalSpend);
      expect(summary.topCategories.length).toBe(5);
    }
  });

  it('refuses a missing, expired, tampered or wrong-audience token with UNAUTHORIZED', async () => {
    const { token } = await signIn(DEMO_USERS[0]!.email);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      sub: string;
      sid: string;
    };
    const reissue = (overrides: Partial<typeof tokenOptions>, now = new Date()) =>
      createTokenService({ ...tokenOptions, ...overrides, now: () => now })
        .issueAccessToken({ userId: claims.sub, sessionId: claims.sid })
        .then((t) => t.token);
    const candidates = {
      missing: undefined,
      expired: await reissue({}, new Date(Date.now() - 3_600_000)),
      tampered: `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '11111111-1111-4111-8111-111111111111' })).toString('base64url')}.${signature}`,
      wrongAudience: await reissue({ audience: 'another-app' }),
    };
    // The control: the same service issues a token that works.
    expect(
      (await createOutlayClient({ url: baseUrl, token: await reissue({}) }).auth.me.query()).id,
    ).toBe(claims.sub);
    for (const [name, candidate] of Object.entries(candidates)) {
      const client = createOutlayClient({
        url: baseUrl,
        ...(candidate ? { token: candidate } : {}),
      });
      const error = await errorOf(client.metrics.summary.query({ filter: {} }));
      expect({ name, code: error.data?.code, status: error.data?.httpStatus }).toEqual({
        name,
        code: 'UNAUTHORIZED',
        status: 401,
      });
    }
  });

  it('answers malformed input with BAD_REQUEST and the Zod issues, never a 500', async () => {
    const { client, token } = await signIn(DEMO_USERS[1]!.email);
    const error = await errorOf(
      client.metrics.summary.query({ filter: { from: '2025-13-01', minAmount: -5 } }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.zodIssues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['filter', 'from'] }),
        expect.objectContaining({ path: ['filter', 'minAmount'] }),
      ]),
    );
    expect(
      outlayErrorCode(await errorOf(client.transactions.list.query({ filter: {}, limit: 10_000 }))),
    ).toBe('BAD_REQUEST');

    // Raw HTTP, as any client could send it.
    const auth = { authorization: `Bearer ${token}` };
    const raw = [
      `/trpc/metrics.summary?input=${encodeURIComponent('{not json')}`,
      `/trpc/metrics.summary?input=${encodeURIComponent(JSON.stringify({ filter: { kind: 'everything' } }))}`,
      `/trpc/metrics.summary?input=${encodeURIComponent(JSON.stringify({ filter: { categoryIds: ['not-a-uuid'] } }))}`,
      `/trpc/metrics.overTime?input=${encodeURIComponent(JSON.stringify({ granularity: 'hour' }))}`,
      `/trpc/transactions.list?input=${encodeURIComponent(JSON.stringify({ cursor: 'x'.repeat(150) }))}`,
      `/trpc/transactions.list?input=${encodeURIComponent(JSON.stringify({ filter: { from: '2025-02-30' } }))}`,
      `/trpc/metrics.summary?input=${encodeURIComponent(JSON.stringify({ filter: { minAmount: 1e300 } }))}`,
      `/trpc/metrics.summary?input=${encodeURIComponent(JSON.stringify({ filter: {}, extra: 1 }))}`,
      `/trpc/metrics.summary?input=${encodeURIComponent('[1,2,3]')}`,
      `/trpc/metrics.summary?batch=1&input=${encodeURIComponent('{"0":{"filter":{"search":""}}}')}`,
    ];
    for (const path of raw) {
      const response = await fetch(`${baseUrl}${path}`, { headers: auth });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
    const unknownProcedure = await fetch(`${baseUrl}/trpc/metrics.nothing`, { headers: auth });
    expect(unknownProcedure.status).toBe(404);
    const badLogin = await fetch(`${baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": 42',
    });
    expect(badLogin.status).toBe(400);
  });

  it('keeps one user out of another user’s numbers', async () => {
    const john = (await signIn('john.doe@example.com')).client;
    const jane = (await signIn('jane.doe@example.com')).client;
    const johnCategories = await john.categories.list.query();
    const janeCategories = await jane.categories.list.query();
    const janeIds = new Set(janeCategories.map((c) => c.id));
    expect(johnCategories.some((c) => janeIds.has(c.id))).toBe(false);
    const janeGroceriesLike = janeCategories.find((c) => c.name === 'Dining')!;
    const asked = await john.metrics.summary.query({
      filter: { categoryIds: [janeGroceriesLike.id] },
    });
    expect(asked.totalSpend).toBe(0);
    expect(asked.transactionCount).toBe(0);
  });
});

describe('a server listening before the app is ready', () => {
  it('answers its own "starting" until the app is ready, then the app answers', async () => {
    // main.ts binds the port before it opens the database, migrates and seeds.
    const server = createServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('starting\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const early = await buildApp({
      deps: createApiDeps({
        db: testDb.db,
        signingKeyPem,
        version: 'test',
        limits: createRateLimits({ requestsPerMinute: 0 }),
      }),
      server,
    });
    try {
      // Built, not ready: its routes have no hooks yet, and routing a request to one would throw
      // outside any handler and end the process.
      for (const path of ['/healthz', '/readyz', '/trpc/auth.me']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        expect({ path, status: response.status, body: await response.text() }).toEqual({
          path,
          status: 503,
          body: 'starting\n',
        });
      }
      await early.ready();
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ok: true, database: 'up' });
    } finally {
      await early.close();
    }
  });
});
