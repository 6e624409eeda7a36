/**
 * Test support for this package's HTTP suites: a real server on a loopback port over a throwaway
 * database (PGlite, or PostgreSQL under the `postgres` vitest project), and plain `fetch` helpers
 * for what a client or an attacker would send. Not exported from the package.
 */
import { createRateLimits, generateSigningKeyPem, type RateLimitOptions } from '@outlay/api';
import { createOutlayClient, outlayErrorCode, type OutlayClient } from '@outlay/client';
import { createTestDb, type TestDb } from '@outlay/db/testing';
import { buildApp, type BuildAppOptions, type OutlayApp } from './app.ts';
import { createApiDeps } from './deps.ts';

export interface TestServer {
  baseUrl: string;
  app: OutlayApp;
  testDb: TestDb;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    limits?: Partial<RateLimitOptions>;
    testDb?: TestDb;
  } & Omit<BuildAppOptions, 'deps'> = {},
): Promise<TestServer> {
  const { limits, testDb: given, ...appOptions } = options;
  const testDb = given ?? (await createTestDb());
  const app = await buildApp({
    deps: createApiDeps({
      db: testDb.db,
      signingKeyPem: generateSigningKeyPem(),
      version: 'test',
      limits: createRateLimits({ baseDelayMs: 0, ...limits }),
    }),
    ...appOptions,
  });
  const baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  return {
    baseUrl,
    app,
    testDb,
    async close() {
      await app.close();
      if (!given) await testDb.dispose();
    },
  };
}

export const STRONG_PASSWORD = 'a quiet lantern over seven hills';

let people = 0;

/**
 * Registers a new person through the real @outlay/client (`<prefix>-<n>@example.com`): the client
 * signed in as them, their id, and the bearer token it sends (for requests made without it).
 */
export async function registerClient(
  baseUrl: string,
  prefix: string,
): Promise<{ client: OutlayClient; userId: string; token: string }> {
  people += 1;
  const session = await createOutlayClient({ url: baseUrl }).auth.register.mutate({
    email: `${prefix}-${people}@example.com`,
    password: STRONG_PASSWORD,
    displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${people}`,
  });
  const client = createOutlayClient({ url: baseUrl, token: session.accessToken });
  return { client, userId: (await client.auth.me.query()).id, token: session.accessToken };
}

/** A file upload as the client sends it: the file under `file`, then any other fields. */
export function uploadForm(
  content: Uint8Array | string,
  name: string,
  fields: Record<string, string> = {},
  type?: string,
) {
  const data = new FormData();
  data.append('file', new Blob([content], type ? { type } : {}), name);
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** How a call through the client was refused: its code, and its Zod issues or its message. */
export async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    // A refused input's reasons are its Zod issues; a refusal by a service is its message.
    const issues = (error as { data?: { zodIssues?: { message: string }[] | null } }).data
      ?.zodIssues;
    return {
      code: outlayErrorCode(error),
      message: issues ? issues.map((issue) => issue.message).join('; ') : (error as Error).message,
    };
  }
  throw new Error('expected the call to fail');
}

let accounts = 0;

/** Registers a new account over HTTP; its email, access token and refresh cookie. */
export async function registerAccount(baseUrl: string, headers: Record<string, string> = {}) {
  accounts += 1;
  const email = `person-${accounts}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const response = await callProcedure(baseUrl, 'auth.register', {
    input: { email, password: STRONG_PASSWORD, displayName: `Person ${accounts}` },
    headers,
  });
  if (response.status !== 200) {
    throw new Error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const session = response.body as { result: { data: { accessToken: string } } };
  return {
    email,
    password: STRONG_PASSWORD,
    token: session.result.data.accessToken,
    cookie: refreshCookie(response.headers)!,
  };
}

/** The `name=value` of the refresh cookie a response set, if any. */
export function refreshCookie(headers: Headers): string | undefined {
  return headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('__Host-outlay_refresh='))
    ?.split(';')[0];
}

/**
 * One procedure call as any HTTP client would make it: a mutation POSTs its input, a query GETs
 * it in the URL. Returns the status, headers and parsed body.
 */
export async function callProcedure(
  baseUrl: string,
  path: string,
  {
    input,
    type = 'mutation',
    headers = {},
  }: { input?: unknown; type?: 'query' | 'mutation'; headers?: Record<string, string> } = {},
) {
  const response =
    type === 'query'
      ? await fetch(
          `${baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${baseUrl}/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(input ?? null),
        });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, headers: response.headers, body };
}

/** How many of the statuses are `status`. */
export function count(statuses: number[], status: number): number {
  return statuses.filter((s) => s === status).length;
}
