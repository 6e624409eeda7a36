import { appRouter, createRateLimits, generateSigningKeyPem, hashPassword } from '@outlay/api';
import { DEMO_PASSWORD, seedDemo } from '@outlay/db';
import { createTestDb, type TestDb } from '@outlay/db/testing';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type OutlayApp } from './app.ts';
import { createApiDeps } from './deps.ts';

// HTTP-level security: headers on every response, cookies, CORS, keys, limits, and a fuzzer that
// sends every procedure valid and invalid input and never gets a 500.
let testDb: TestDb;
let app: OutlayApp;
let baseUrl: string;
const webDist = join(tmpdir(), `outlay-web-${process.pid}`);

beforeAll(async () => {
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Outlay</title>');
  testDb = await createTestDb();
  await seedDemo(testDb.db, { passwordHash: await hashPassword(DEMO_PASSWORD) });
  app = await buildApp({
    deps: createApiDeps({
      db: testDb.db,
      signingKeyPem: generateSigningKeyPem(),
      limits: createRateLimits({
        requestsPerMinute: 0,
        baseDelayMs: 0,
        signInFailures: 3,
        registrationsPerIp: 100,
      }),
    }),
    webDist,
    corsOrigins: ['https://reports.example.com'],
  });
  baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
});
afterAll(async () => {
  await app.close();
  await testDb.dispose();
});

async function signIn(email = 'john.doe@example.com') {
  const response = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { result: { data: { accessToken: string } } };
  return { response, token: body.result.data.accessToken };
}

describe('V3.4 security headers', () => {
  it('are on every response: HTML, API, errors and health checks', async () => {
    const paths = [
      '/',
      '/transactions',
      '/trpc/system.health',
      '/trpc/metrics.summary',
      '/healthz',
      '/no/such/thing',
    ];
    for (const path of paths) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { accept: 'text/html' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      // Plain HTTP here: HSTS is only sent over TLS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('V3.4.1: sends HSTS when the request came over HTTPS through a trusted proxy', async () => {
    const proxied = await buildApp({
      deps: createApiDeps({ db: testDb.db, signingKeyPem: generateSigningKeyPem() }),
      trustProxy: ['loopback'],
    });
    const response = await proxied.inject({
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    await proxied.close();
  });
});

describe('V3.4.2 CORS', () => {
  it('is closed to other origins and open only to the allowlist', async () => {
    const preflight = (origin: string) =>
      fetch(`${baseUrl}/trpc/metrics.summary`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    expect(
      (await preflight('https://evil.example.net')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(
      (await preflight('https://reports.example.com')).headers.get('access-control-allow-origin'),
    ).toBe('https://reports.example.com');
  });
});

describe('V3.3 cookies', () => {
  it('keep the refresh token in a __Host- cookie: HttpOnly, Secure, SameSite=Strict, path /', async () => {
    const { response } = await signIn();
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Host-outlay_refresh='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    // The cookie alone, sent back, yields a new access token (and a new cookie).
    const refreshed = await fetch(`${baseUrl}/trpc/auth.refresh`, {
      method: 'POST',
      headers: { cookie: cookie!.split(';')[0]!, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.getSetCookie()[0]).not.toBe(cookie);
  });
});

describe('V9.1.3 keys', () => {
  it('serves the public key set that verifies access tokens', async () => {
    const jwks = (await (await fetch(`${baseUrl}/.well-known/jwks.json`)).json()) as {
      keys: { kty: string; crv: string; kid: string; alg: string; d?: string }[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.keys[0]!.d).toBeUndefined();
    const { token } = await signIn();
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as {
      kid: string;
    };
    expect(header.kid).toBe(jwks.keys[0]!.kid);
  });
});

describe('V6.3.1 limits over HTTP', () => {
  it('answers a locked-out sign-in with 429 and Retry-After', async () => {
    const attempt = () =>
      fetch(`${baseUrl}/trpc/auth.login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': 'ignored-without-trust-proxy',
        },
        body: JSON.stringify({ email: 'charlie@example.com', password: 'not it' }),
      });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    const locked = await attempt();
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('caps the number of procedures in one batch', async () => {
    const { token } = await signIn('jane.doe@example.com');
    const paths = Array.from({ length: 21 }, () => 'system.health').join(',');
    const response = await fetch(`${baseUrl}/trpc/${paths}?batch=1&input={}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    const allowed = await fetch(
      `${baseUrl}/trpc/${Array(20).fill('system.health').join(',')}?batch=1&input={}`,
    );
    expect(allowed.status).toBe(200);
  });

  it('counts the procedures of a batch as tRPC will run them, after decoding the path', async () => {
    const over = (separator: string, n = 21) =>
      fetch(`${baseUrl}/trpc/${Array(n).fill('system.health').join(separator)}?batch=1&input={}`);
    for (const separator of ['%2C', '%2c', '%252C']) {
      const response = await over(separator);
      expect({ separator, status: response.status }).toEqual({ separator, status: 400 });
    }
    // 312 procedures, all but one comma encoded.
    const mixed = await fetch(
      `${baseUrl}/trpc/system.health,${Array(311).fill('system.health').join('%2C')}?batch=1&input={}`,
    );
    expect(mixed.status).toBe(400);
    // Exactly the cap, encoded, still runs: the count is the same as with plain commas.
    const atCap = await over('%2C', 20);
    expect(atCap.status).toBe(200);
    expect(((await atCap.json()) as unknown[]).length).toBe(20);
  });
});

describe('V14 sensitive data in responses', () => {
  it('every API answer says Cache-Control: no-store, successes and errors, the sign-in first', async () => {
    const { response: signedIn, token } = await signIn();
    const auth = { authorization: `Bearer ${token}` };
    const responses = {
      'auth.login': signedIn,
      'auth.me': await fetch(`${baseUrl}/trpc/auth.me`, { headers: auth }),
      batch: await fetch(
        `${baseUrl}/trpc/metrics.summary,auth.sessions?batch=1&input=${encodeURIComponent('{"0":{},"1":{}}')}`,
        { headers: auth },
      ),
      'auth.refresh (refused)': await fetch(`${baseUrl}/trpc/auth.refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      unauthorized: await fetch(`${baseUrl}/trpc/metrics.summary`),
      'bad input': await fetch(`${baseUrl}/trpc/metrics.summary?input=%7B`, { headers: auth }),
      'unknown procedure': await fetch(`${baseUrl}/trpc/no.such`, { headers: auth }),
    };
    for (const [name, response] of Object.entries(responses)) {
      expect({ name, cacheControl: response.headers.get('cache-control') }).toEqual({
        name,
        cacheControl: 'no-store',
      });
    }
  });
});

describe('odd requests get a 4xx, never a 500', () => {
  it('answers methods the API does not speak with 405 and the ones it does', async () => {
    const methods = [
      'TRACE',
      'PUT',
      'DELETE',
      'PATCH',
      'PROPFIND',
      'MKCOL',
      'COPY',
      'MOVE',
      'LOCK',
      'UNLOCK',
      'SEARCH',
    ];
    const { request } = await import('node:http');
    const send = (method: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${baseUrl}${path}`);
        const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    for (const method of methods) {
      for (const path of ['/trpc/system.health', '/trpc/auth.login', '/trpc/a,b?batch=1']) {
        const status = await send(method, path);
        expect({ method, path, status }).toEqual({ method, path, status: 405 });
      }
      const elsewhere = await send(method, '/healthz');
      expect(elsewhere, `${method} /healthz`).toBeGreaterThanOrEqual(400);
      expect(elsewhere, `${method} /healthz`).toBeLessThan(500);
    }
  });

  it('refuses NUL and other control characters in every text field with a 400', async () => {
    const { token } = await signIn('jane.doe@example.com');
    const auth = { authorization: `Bearer ${token}` };
    const controls = ['\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f'];
    for (const control of controls) {
      const text = `a${control}b`;
      const cases = [
        { path: 'transactions.list', type: 'query', input: { filter: { search: text } } },
        { path: 'metrics.summary', type: 'query', input: { filter: { search: text } } },
        { path: 'auth.apiTokens.create', type: 'mutation', input: { name: text, scope: 'read' } },
        {
          path: 'auth.register',
          type: 'mutation',
          input: {
            email: `ctl${controls.indexOf(control)}@example.com`,
            password: 'a quiet lantern over seven hills',
            displayName: text,
          },
        },
        {
          path: 'auth.login',
          type: 'mutation',
          input: {
            email: 'jane.doe@example.com',
            password: DEMO_PASSWORD,
            recoveryCode: `abcde${control}fghij`,
          },
        },
      ] as const;
      for (const { path, type, input } of cases) {
        const encoded = JSON.stringify(input);
        const response =
          type === 'query'
            ? await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(encoded)}`, {
                headers: auth,
              })
            : await fetch(`${baseUrl}/trpc/${path}`, {
                method: 'POST',
                headers: { ...auth, 'content-type': 'application/json' },
                body: encoded,
              });
        expect({ path, control, status: response.status }).toEqual({ path, control, status: 400 });
      }
    }
  });

  it('answers two registrations with one email at once with one account and CONFLICTs', async () => {
    const email = `twins-${Date.now()}@example.com`;
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${baseUrl}/trpc/auth.register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            email,
            password: 'a quiet lantern over seven hills',
            displayName: 'Twin',
          }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { error?: { message: string } },
        })),
      ),
    );
    expect(statuses.filter((s) => s.status === 200)).toHaveLength(1);
    for (const refused of statuses.filter((s) => s.status !== 200)) {
      expect({ status: refused.status, message: refused.body.error?.message }).toEqual({
        status: 409,
        message: 'An account with this email already exists',
      });
    }
    const rows = await testDb.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('fuzzing every procedure', () => {
  it('never answers 500, for valid or invalid input, signed in or not', async () => {
    const { token } = await signIn('jane.doe@example.com');
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
    ).map(([path, procedure]) => ({ path, type: procedure._def.type }));
    expect(procedures.length).toBeGreaterThan(20);
    const isoDate = fc.oneof(
      fc.constantFrom('2025-01-01', '2024-02-29', '2025-02-29', '9999-12-31', ''),
      fc.string(),
    );
    const filter = fc.record(
      {
        from: isoDate,
        to: isoDate,
        categoryIds: fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 3 }),
        includeUncategorized: fc.oneof(fc.boolean(), fc.string()),
        minAmount: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER)),
        maxAmount: fc.oneof(fc.integer({ min: 0 }), fc.string()),
        search: fc.string({ maxLength: 300 }),
        kind: fc.constantFrom('spend', 'income', 'all', 'other'),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.jsonValue(),
      fc.record({ filter }, { requiredKeys: [] }),
      fc.record({
        filter,
        cursor: fc.oneof(fc.string(), fc.base64String()),
        limit: fc.oneof(fc.integer(), fc.constant(500)),
        sort: fc.record({
          field: fc.constantFrom('date', 'amount', 'id'),
          direction: fc.constantFrom('asc', 'desc', 'up'),
        }),
        granularity: fc.constantFrom('day', 'week', 'month', 'auto', 'year'),
      }),
      fc.record({
        id: fc.oneof(fc.uuid(), fc.string()),
        name: fc.string(),
        scope: fc.constantFrom('read', 'write', 'root'),
      }),
      fc.record({
        email: fc.oneof(fc.emailAddress(), fc.string()),
        password: fc.string(),
        code: fc.string(),
      }),
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...procedures),
        input,
        fc.boolean(),
        async (procedure, value, signedIn) => {
          // Signing out would end the fuzzer's session; everything else is fair game.
          fc.pre(procedure.path !== 'auth.logout');
          const headers: Record<string, string> = signedIn
            ? { authorization: `Bearer ${token}` }
            : {};
          const encoded = JSON.stringify(value) ?? 'null';
          const response =
            procedure.type === 'query'
              ? await fetch(
                  `${baseUrl}/trpc/${procedure.path}?input=${encodeURIComponent(encoded)}`,
                  { headers },
                )
              : await fetch(`${baseUrl}/trpc/${procedure.path}`, {
                  method: 'POST',
                  headers: { ...headers, 'content-type': 'application/json' },
                  body: encoded,
                });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect({ path: procedure.path, status: response.status }).not.toEqual({
            path: procedure.path,
            status: 500,
          });
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 400 },
    );
    // The fuzzer reached past validation too, not only into 400s.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  });
});
