/**
 * Test support shared by this package's suites: a migrated throwaway database (PGlite, or
 * PostgreSQL under the `postgres` vitest project), a real token service, and small builders for
 * users, categories, accounts and transactions. Not exported from the package.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { CategoryKind } from '@outlay/contracts';
import { openChangeSet, type Database, type NewTransaction } from '@outlay/db';
import { createTestDb, type TestDb } from '@outlay/db/testing';
import type { Kysely } from 'kysely';
import { hashPassword } from './auth/passwords.ts';
import { createTokenService, generateSigningKeyPem } from './auth/tokens.ts';
import { createContextInner, type ApiDeps } from './context.ts';
import { createRateLimits } from './rate-limit/rate-limits.ts';
import { createCaller } from './root.ts';
import { createMetricsCache } from './services/metrics/metrics-cache.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** The throwaway Redis the test runner offers (`TEST_REDIS_URL`), if any. */
export const testRedisUrl: string | undefined = process.env.TEST_REDIS_URL || undefined;
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  accountIds: string[];
  categories: Record<string, string>;
}

export interface Harness extends TestDb {
  deps: ApiDeps;
  /** The server's token signing key, for tests that forge tokens. */
  signingKeyPem: string;
  signingKey: KeyObject;
  createUser(options?: {
    email?: string;
    categories?: { name: string; kind: CategoryKind }[];
    accounts?: number;
  }): Promise<TestUser>;
  insertTransactions(
    user: TestUser,
    rows: (Partial<Omit<NewTransaction, 'user_id'>> & {
      occurred_on: string;
      amount_minor: number;
    })[],
  ): Promise<string[]>;
  /** The audit events recorded about a user, oldest first. */
  auditActions(userId: string): Promise<string[]>;
  /**
   * Runs `work` in a transaction with a change set of `user` open, as a service's write does: the
   * change-log triggers refuse a write to a user's data without one (DESIGN §9).
   */
  write<T>(user: { id: string }, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** An access token for a new, live session of `user`. */
  accessTokenFor(user: TestUser): Promise<string>;
  /** A caller authenticated as `user` through a real session and access token. */
  callerFor(user: TestUser): Promise<ReturnType<typeof createCaller>>;
  /** A new user (default categories and two accounts) and a caller signed in as them. */
  signedInUser(): Promise<{ user: TestUser; api: ReturnType<typeof createCaller> }>;
  anonymousCaller(): ReturnType<typeof createCaller>;
}

export const DEFAULT_CATEGORIES: { name: string; kind: CategoryKind }[] = [
  { name: 'Groceries', kind: 'expense' },
  { name: 'Dining', kind: 'expense' },
  { name: 'Travel', kind: 'expense' },
  { name: 'Salary', kind: 'income' },
  { name: 'Transfer', kind: 'transfer' },
];

let userCounter = 0;

export async function createHarness(testDb?: TestDb): Promise<Harness> {
  testDb ??= await createTestDb();
  const { db } = testDb;
  const signingKeyPem = generateSigningKeyPem();
  const deps: ApiDeps = {
    db,
    tokens: createTokenService({
      privateKeyPem: signingKeyPem,
      issuer: 'outlay-test',
      audience: 'outlay-test',
      accessTokenTtlSeconds: 600,
    }),
    version: 'test',
    auth: { sessionIdleSeconds: 1_800, sessionAbsoluteSeconds: 43_200 },
    // Generous, so suites that are not about rate limits never meet one; no sign-in delay.
    limits: createRateLimits({
      requestsPerMinute: 0,
      signInFailures: 1_000,
      signInFailuresPerAccount: 1_000,
      signInFailuresPerIp: 10_000,
      registrationsPerIp: 1_000,
      baseDelayMs: 0,
    }),
    // As in production, so every suite also checks that no cached answer outlives its data.
    metricsCache: createMetricsCache(),
  };

  async function accessTokenFor(user: TestUser): Promise<string> {
    const session = await db
      .insertInto('sessions')
      .values({ user_id: user.id, expires_at: new Date(Date.now() + 3_600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { token } = await deps.tokens.issueAccessToken({
      userId: user.id,
      sessionId: session.id,
    });
    return token;
  }

  async function createUser(options: Parameters<Harness['createUser']>[0] = {}): Promise<TestUser> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    userCounter += 1;
    const email = options.email ?? `user-${userCounter}-${Date.now()}@example.com`;
    const user = await db
      .insertInto('users')
      .values({
        email,
        password_hash: await passwordHash,
        display_name: `User ${userCounter}`,
        profile: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const categories: Record<string, string> = {};
    const accountIds: string[] = [];
    await write(user, async (trx) => {
      for (const [index, category] of (options.categories ?? DEFAULT_CATEGORIES).entries()) {
        const row = await trx
          .insertInto('categories')
          .values({
            user_id: user.id,
            name: category.name,
            kind: category.kind,
            color: `#${(0x336699 + index * 0x111111).toString(16).slice(-6)}`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        categories[category.name] = row.id;
      }
      for (let index = 0; index < (options.accounts ?? 2); index += 1) {
        const row = await trx
          .insertInto('accounts')
          .values({
            user_id: user.id,
            name: `Account ${index + 1}`,
            kind: 'checking',
            currency: 'USD',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        accountIds.push(row.id);
      }
    });
    return { id: user.id, email, accountIds, categories };
  }

  function write<T>(user: { id: string }, work: (trx: Kysely<Database>) => Promise<T>) {
    return db.transaction().execute(async (trx) => {
      await openChangeSet(trx, {
        user,
        actor: { kind: 'user', id: user.id },
        action: 'test.write',
        summary: {},
      });
      return work(trx);
    });
  }

  async function callerFor(user: TestUser) {
    return createCaller(createContextInner(deps, { accessToken: await accessTokenFor(user) }));
  }

  return {
    ...testDb,
    deps,
    write,
    signingKeyPem,
    signingKey: createPrivateKey(signingKeyPem),
    createUser,
    async insertTransactions(user, rows) {
      if (rows.length === 0) return [];
      const inserted = await write(user, (trx) =>
        trx
          .insertInto('transactions')
          .values(
            rows.map((row) => ({
              account_id: user.accountIds[0]!,
              currency: 'USD',
              ...row,
              user_id: user.id,
            })),
          )
          .returning('id')
          .execute(),
      );
      return inserted.map((row) => row.id);
    },
    async auditActions(userId) {
      const rows = await db
        .selectFrom('audit_log')
        .select('action')
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map((row) => row.action);
    },
    accessTokenFor,
    callerFor,
    async signedInUser() {
      const user = await createUser();
      return { user, api: await callerFor(user) };
    },
    anonymousCaller() {
      return createCaller(createContextInner(deps));
    },
  };
}
