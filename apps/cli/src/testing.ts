/**
 * The CLI suites' harness. A real Outlay server: a throwaway database (PGlite, or PostgreSQL in
 * the `postgres` test project) holding the demo profiles, and the server's own `buildApp()`
 * listening on a free loopback port; tests talk to it over HTTP, as the CLI and other apps do.
 * And the environments of the processes the suites start (the one place they read `process.env`).
 */
import { createRateLimits, generateSigningKeyPem, hashPassword } from '@outlay/api';
import { createOutlayClient, type ApiToken, type OutlayClient } from '@outlay/client';
import { DEMO_PASSWORD, seedDemo } from '@outlay/db';
import { createTestDb, type TestDb } from '@outlay/db/testing';
import { buildApp, createApiDeps } from '@outlay/server';

/** The environment of the `outlay` processes a test starts: its own home, nothing inherited. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: `${home}/config`,
    LANG: 'en_US.UTF-8',
    ...extra,
  };
}

/** The environment of a process outside the workspace: none of pnpm's or npm's settings leak in. */
export function outsideEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_)/i.test(key)),
  );
}

/** The last day of the demo history: fixed, so every run sees the same rows. */
export const DEMO_TODAY = '2026-06-30';

export interface TestServer {
  url: string;
  testDb: TestDb;
  /** Another server on the same database, allowing `requestsPerMinute` calls per user and IP. */
  limitedServer(requestsPerMinute: number): Promise<string>;
  /** A client signed in as a demo person, with a password session. */
  signIn(email: string): Promise<OutlayClient>;
  /** A new API token of a demo person, created through the API as the settings page does. */
  apiToken(email: string, scope?: ApiToken['scope']): Promise<string>;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const testDb = await createTestDb();
  await seedDemo(testDb.db, {
    passwordHash: await hashPassword(DEMO_PASSWORD),
    today: DEMO_TODAY,
  });
  const signingKeyPem = generateSigningKeyPem();
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  const listen = async (requestsPerMinute: number) => {
    const app = await buildApp({
      deps: createApiDeps({
        db: testDb.db,
        signingKeyPem,
        version: 'test',
        limits: createRateLimits({ requestsPerMinute }),
      }),
    });
    apps.push(app);
    return (await app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  };
  const url = await listen(0);

  const signIn = async (email: string) => {
    const session = await createOutlayClient({ url }).auth.login.mutate({
      email,
      password: DEMO_PASSWORD,
    });
    return createOutlayClient({ url, token: session.accessToken });
  };

  return {
    url,
    testDb,
    limitedServer: listen,
    signIn,
    async apiToken(email, scope = 'read') {
      const client = await signIn(email);
      const created = await client.auth.apiTokens.create.mutate({ name: 'outlay CLI', scope });
      return created.token;
    },
    async close() {
      for (const app of apps) await app.close();
      await testDb.dispose();
    },
  };
}
