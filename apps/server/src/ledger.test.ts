import { createRateLimits, generateSigningKeyPem } from '@outlay/api';
import { createOutlayClient, outlayErrorCode, type OutlayClient } from '@outlay/client';
import { MAX_BULK_IDS } from '@outlay/contracts';
import { openChangeSet, totalsDrift } from '@outlay/db';
import { createTestDb, type TestDb } from '@outlay/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type OutlayApp } from './app.ts';
import { createApiDeps } from './deps.ts';

// Recording money over real HTTP with the real @outlay/client (DESIGN §9): a person who registers
// records, splits, transfers, bulk-edits and deletes, every figure follows at once, and a change
// is undone from a new sign-in (a reload, another device) because history lives in the database.

let testDb: TestDb;
let app: OutlayApp;
let baseUrl: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = await buildApp({
    deps: createApiDeps({
      db: testDb.db,
      signingKeyPem: generateSigningKeyPem(),
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

const PASSWORD = 'a long and unusual passphrase';

async function register(email: string): Promise<{ client: OutlayClient; userId: string }> {
  const session = await createOutlayClient({ url: baseUrl }).auth.register.mutate({
    email,
    password: PASSWORD,
    displayName: 'Rec Order',
  });
  const client = createOutlayClient({ url: baseUrl, token: session.accessToken });
  return { client, userId: (await client.auth.me.query()).id };
}

async function signIn(email: string): Promise<OutlayClient> {
  const session = await createOutlayClient({ url: baseUrl }).auth.login.mutate({
    email,
    password: PASSWORD,
  });
  return createOutlayClient({ url: baseUrl, token: session.accessToken });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return {
      code: outlayErrorCode(error),
      status: (error as { data?: { httpStatus?: number } }).data?.httpStatus,
      message: (error as Error).message,
    };
  }
  throw new Error('expected the call to fail');
}

describe('recording money over HTTP', () => {
  it('records, splits, transfers, bulk-recategorises and undoes after a new sign-in, the figures following each step', async () => {
    const email = 'recorder@example.com';
    const { client, userId } = await register(email);
    const [everyday] = await client.accounts.list.query();
    const categories = await client.categories.list.query();
    const id = (name: string) => categories.find((c) => c.name === name)!.id;
    expect(everyday).toMatchObject({ name: 'Everyday', archived: false });
    // A new person starts with an empty dashboard and one change set: the starter data.
    expect((await client.metrics.summary.query({ filter: {} })).transactionCount).toBe(0);
    expect((await client.history.list.query({})).items.map((i) => i.description)).toEqual([
      'Created your starter categories and account',
    ]);

    // Twenty purchases, entered as a person types them (sent together: one batched request).
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.transactions.create.mutate({
          accountId: everyday!.id,
          occurredOn: `2026-01-${String(i + 1).padStart(2, '0')}`,
          amountMinor: -(500 + i * 10),
          payee: `Cafe ${i}`,
          categoryId: id('Dining'),
        }),
      ),
    );
    const filter = { from: '2026-01-01', to: '2026-01-31' };
    const dining = created.reduce((sum, c) => sum - c.transactions[0]!.amountMinor, 0);
    expect((await client.metrics.summary.query({ filter })).totalSpend).toBe(dining);

    const receipt = await client.transactions.create.mutate({
      accountId: everyday!.id,
      occurredOn: '2026-01-25',
      amountMinor: -6_000,
      payee: 'Market',
      splits: [
        { categoryId: id('Groceries'), amountMinor: -5_000 },
        { categoryId: id('Dining'), amountMinor: -1_000, memo: 'lunch' },
      ],
    });
    const savings = await client.accounts.create.mutate({
      name: 'Savings',
      kind: 'savings',
      currency: 'USD',
    });
    await client.transfers.create.mutate({
      fromAccountId: everyday!.id,
      toAccountId: savings.account.id,
      occurredOn: '2026-01-26',
      amountMinor: 50_000,
    });
    const byCategory = await client.metrics.byCategory.query({ filter });
    expect(byCategory.categories.map((c) => [c.name, c.spendMinor])).toEqual([
      ['Dining', dining + 1_000],
      ['Groceries', 5_000],
    ]);
    const diningLines = await client.transactions.list.query({
      filter: { ...filter, categoryIds: [id('Dining')] },
      limit: 100,
    });
    expect(diningLines.items.find((row) => row.id === receipt.transactions[0]!.id)).toMatchObject({
      amountMinor: -1_000,
      spendMinor: 1_000,
      memo: 'lunch',
    });

    // Bulk-recategorise the twenty, then sign in again (a reload) and undo it from History.
    const bulk = await client.transactions.bulkUpdate.mutate({
      ids: created.map((c) => c.transactions[0]!.id),
      set: { categoryId: id('Groceries') },
    });
    expect(
      (await client.metrics.byCategory.query({ filter })).categories.map((c) => [
        c.name,
        c.spendMinor,
      ]),
    ).toEqual([
      ['Groceries', dining + 5_000],
      ['Dining', 1_000],
    ]);
    const later = await signIn(email);
    const [latest] = (await later.history.list.query({ limit: 1 })).items;
    expect(latest).toMatchObject({
      id: bulk.changeSetId,
      description: 'Changed the category of 20 transactions from Dining to Groceries',
      rowCount: 20,
    });
    const undone = await later.history.undo.mutate({ changeSetId: bulk.changeSetId });
    expect(undone.description).toBe(
      'Undid: Changed the category of 20 transactions from Dining to Groceries',
    );
    expect(await later.metrics.byCategory.query({ filter })).toEqual(byCategory);
    expect(await totalsDrift(testDb.db, userId)).toEqual([]);

    // Delete one; the list and the cards drop it at once.
    await later.transactions.delete.mutate({ ids: [created[0]!.transactions[0]!.id] });
    expect((await later.metrics.summary.query({ filter })).totalSpend).toBe(dining + 6_000 - 500);
  });

  it('answers bad input with typed HTTP errors and writes nothing', async () => {
    const { client } = await register('careful@example.com');
    const [account] = await client.accounts.list.query();
    const before = (await client.history.list.query({})).items.length;
    expect(
      await failure(
        client.transactions.create.mutate({
          accountId: account!.id,
          occurredOn: '2026-02-30',
          amountMinor: -1,
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    expect(
      await failure(
        client.transactions.create.mutate({
          accountId: '00000000-0000-4000-8000-000000000000',
          occurredOn: '2026-01-01',
          amountMinor: -1,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Account not found' });
    expect(
      await failure(client.categories.create.mutate({ name: 'dining', kind: 'expense' })),
    ).toMatchObject({
      code: 'CONFLICT',
      status: 409,
    });
    expect(
      await failure(client.transactions.bulkUpdate.mutate({ ids: [], set: { payee: 'x' } })),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      status: 400,
    });
    expect((await client.history.list.query({})).items).toHaveLength(before);
  });

  it(`bulk-updates ${MAX_BULK_IDS.toLocaleString('en-US')} rows in one request, one change set, and undoes it`, async () => {
    const { client, userId } = await register('bulk@example.com');
    const [account] = await client.accounts.list.query();
    const categories = await client.categories.list.query();
    const groceries = categories.find((c) => c.name === 'Groceries')!.id;
    // Loaded directly (in its own change set), as an import would.
    const ids = await testDb.db.transaction().execute(async (trx) => {
      await openChangeSet(trx, {
        user: { id: userId },
        actor: { kind: 'job', id: null },
        action: 'test.load',
        summary: {},
      });
      const { rows } = await sql<{ id: string }>`
        insert into transactions (user_id, account_id, occurred_on, amount_minor, currency)
        select ${userId}, ${account!.id}, date '2025-01-01' + (g % 365), -(100 + g), 'USD'
        from generate_series(1, ${MAX_BULK_IDS}) g returning id`.execute(trx);
      return rows.map((row) => row.id);
    });
    const result = await client.transactions.bulkUpdate.mutate({
      ids,
      set: { categoryId: groceries },
    });
    expect(result.ids).toHaveLength(MAX_BULK_IDS);
    const spend = (await client.metrics.byCategory.query({ filter: {} })).categories;
    expect(spend.map((c) => c.name)).toEqual(['Groceries']);
    expect((await client.history.list.query({ limit: 1 })).items[0]).toMatchObject({
      rowCount: MAX_BULK_IDS,
    });
    await client.history.undo.mutate({ changeSetId: result.changeSetId });
    expect(
      (await client.metrics.byCategory.query({ filter: {} })).categories.map((c) => c.name),
    ).toEqual(['Uncategorized']);
    expect(await totalsDrift(testDb.db, userId)).toEqual([]);
  }, 240_000);
});
