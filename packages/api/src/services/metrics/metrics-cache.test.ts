import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../../context.ts';
import { createCaller } from '../../root.ts';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';
import { createMetricsCache, type MetricsCacheKey } from './metrics-cache.ts';

const key = (overrides: Partial<MetricsCacheKey> = {}): MetricsCacheKey => ({
  procedure: 'summary',
  userId: 'u1',
  dataVersion: 1,
  homeCurrency: 'USD',
  input: { filter: {} },
  ...overrides,
});

describe('createMetricsCache', () => {
  it('computes once per key, and again for any other user, version, currency or input', async () => {
    const cache = createMetricsCache();
    let computed = 0;
    const compute = () => Promise.resolve({ n: ++computed });
    expect(await cache.remember(key(), compute)).toEqual({ n: 1 });
    expect(await cache.remember(key(), compute)).toEqual({ n: 1 });
    expect(await cache.remember(key({ dataVersion: 2 }), compute)).toEqual({ n: 2 });
    expect(await cache.remember(key({ userId: 'u2' }), compute)).toEqual({ n: 3 });
    expect(await cache.remember(key({ homeCurrency: 'EUR' }), compute)).toEqual({ n: 4 });
    expect(await cache.remember(key({ procedure: 'byCategory' }), compute)).toEqual({ n: 5 });
    expect(
      await cache.remember(key({ input: { filter: { from: '2025-01-01' } } }), compute),
    ).toEqual({
      n: 6,
    });
    expect(computed).toBe(6);
  });

  it('lets requests asking the same question meanwhile wait for the one computation', async () => {
    const cache = createMetricsCache();
    let computed = 0;
    let release: (value: string) => void = () => undefined;
    const slow = () => {
      computed += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = cache.remember(key(), slow);
    const second = cache.remember(key(), slow);
    const other = cache.remember(key({ dataVersion: 2 }), () => Promise.resolve('other'));
    release('answer');
    expect(await Promise.all([first, second, other])).toEqual(['answer', 'answer', 'other']);
    expect(computed).toBe(1);
  });

  it('keeps no failure: the next request computes again', async () => {
    const cache = createMetricsCache();
    await expect(cache.remember(key(), () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await cache.remember(key(), () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('stays within its byte budget, dropping the least recently used answers', async () => {
    const cache = createMetricsCache({ maxBytes: 400 });
    let computed = 0;
    const compute = () => {
      computed += 1;
      return Promise.resolve('x'.repeat(100));
    };
    for (const version of [1, 2, 3, 4, 5])
      await cache.remember(key({ dataVersion: version }), compute);
    expect(computed).toBe(5);
    await cache.remember(key({ dataVersion: 5 }), compute); // still there
    expect(computed).toBe(5);
    await cache.remember(key({ dataVersion: 1 }), compute); // long gone
    expect(computed).toBe(6);
    // Larger than the whole budget: answered, never kept.
    const huge = () => Promise.resolve('y'.repeat(1000));
    await cache.remember(key({ dataVersion: 9 }), huge);
    let again = 0;
    await cache.remember(key({ dataVersion: 9 }), () => Promise.resolve(String(++again)));
    expect(again).toBe(1);
  });
});

describe('users.data_version', () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    h = await createHarness();
    alice = await h.createUser();
    bob = await h.createUser();
  });
  afterAll(() => h.dispose());

  const version = async (user: TestUser) =>
    (
      await h.db
        .selectFrom('users')
        .select('data_version')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).data_version;

  it('moves with every change to what metrics read, and only for the user changed', async () => {
    const changes: [string, () => Promise<unknown>][] = [
      [
        'insert transactions',
        () =>
          h.insertTransactions(alice, [
            { occurred_on: '2025-02-01', amount_minor: -500 },
            { occurred_on: '2025-02-02', amount_minor: -700 },
          ]),
      ],
      [
        'update a transaction',
        () =>
          h.write(alice, (db) =>
            db
              .updateTable('transactions')
              .set({ amount_minor: -900 })
              .where('user_id', '=', alice.id)
              .where('amount_minor', '=', -500)
              .execute(),
          ),
      ],
      [
        'delete a transaction',
        () =>
          h.write(alice, (db) =>
            db
              .deleteFrom('transactions')
              .where('user_id', '=', alice.id)
              .where('amount_minor', '=', -700)
              .execute(),
          ),
      ],
      [
        'rename a category',
        () =>
          h.write(alice, (db) =>
            db
              .updateTable('categories')
              .set({ name: 'Food at home' })
              .where('id', '=', alice.categories.Groceries!)
              .execute(),
          ),
      ],
      [
        'add an account',
        () =>
          h.write(alice, (db) =>
            db
              .insertInto('accounts')
              .values({ user_id: alice.id, name: 'Card', kind: 'credit', currency: 'USD' })
              .execute(),
          ),
      ],
    ];
    for (const [what, change] of changes) {
      const [aliceBefore, bobBefore] = [await version(alice), await version(bob)];
      await change();
      expect(await version(alice), what).toBeGreaterThan(aliceBefore);
      expect(await version(bob), what).toBe(bobBefore);
    }
  });

  it('does not move for a write that is rolled back', async () => {
    const before = await version(alice);
    await expect(
      h.write(alice, async (trx) => {
        await sql`insert into transactions (user_id, account_id, occurred_on, amount_minor, currency)
          values (${alice.id}, ${alice.accountIds[0]!}, '2025-03-01', -1, 'USD')`.execute(trx);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await version(alice)).toBe(before);
  });

  it('keeps every instance current: an answer cached by one is never served after a change', async () => {
    // Two API instances over one database (the scale path), each with its own cache.
    const token = await h.accessTokenFor(bob);
    const [first, second] = [1, 2].map(() =>
      createCaller(
        createContextInner(
          { ...h.deps, metricsCache: createMetricsCache() },
          { accessToken: token },
        ),
      ),
    ) as [ReturnType<typeof createCaller>, ReturnType<typeof createCaller>];
    const filter = {};
    for (const api of [first, second]) {
      expect((await api.metrics.summary({ filter })).totalSpend).toBe(0);
      expect((await api.metrics.byCategory({ filter })).categories).toEqual([]);
    }
    // A change written outside either instance (an import, another server).
    await h.insertTransactions(bob, [
      { occurred_on: '2025-01-10', amount_minor: -1_234, category_id: bob.categories.Groceries! },
    ]);
    for (const api of [first, second]) {
      expect((await api.metrics.summary({ filter })).totalSpend).toBe(1_234);
      expect((await api.metrics.byCategory({ filter })).categories).toMatchObject([
        { name: 'Groceries', spendMinor: 1_234 },
      ]);
    }
    await h.write(bob, (db) =>
      db
        .updateTable('categories')
        .set({ name: 'Food at home' })
        .where('id', '=', bob.categories.Groceries!)
        .execute(),
    );
    for (const api of [first, second]) {
      expect((await api.metrics.byCategory({ filter })).categories).toMatchObject([
        { name: 'Food at home', spendMinor: 1_234 },
      ]);
    }
  });
});
