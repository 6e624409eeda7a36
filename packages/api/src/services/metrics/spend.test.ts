import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';

// Hand-made cases for the one definition of spend (DESIGN §3). Each case gets its own user so
// the cases cannot see each other's rows.
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

type Row = Parameters<Harness['insertTransactions']>[1][number];

/** A new user with the given rows, each built from the user (for its category and account ids). */
async function userWith(rows: ((u: TestUser) => Row)[]) {
  const user = await h.createUser();
  await h.insertTransactions(
    user,
    rows.map((row) => row(user)),
  );
  return { user, api: await h.callerFor(user) };
}

describe('spend', () => {
  it('counts expenses, lowers spend by a refund in an expense category, and ignores income and transfers', async () => {
    const { api, user } = await userWith([
      (u) => ({
        occurred_on: '2025-03-01',
        amount_minor: -10_000,
        category_id: u.categories.Groceries!,
      }),
      (u) => ({
        occurred_on: '2025-03-02',
        amount_minor: -5_050,
        category_id: u.categories.Groceries!,
      }),
      // A refund: money in, booked to an expense category.
      (u) => ({
        occurred_on: '2025-03-03',
        amount_minor: 2_000,
        category_id: u.categories.Groceries!,
      }),
      (u) => ({
        occurred_on: '2025-03-04',
        amount_minor: 300_000,
        category_id: u.categories.Salary!,
      }),
      (u) => ({
        occurred_on: '2025-03-05',
        amount_minor: -50_000,
        category_id: u.categories.Transfer!,
      }),
      (u) => ({
        occurred_on: '2025-03-05',
        amount_minor: 50_000,
        category_id: u.categories.Transfer!,
        account_id: u.accountIds[1]!,
      }),
    ]);
    const summary = await api.metrics.summary({ filter: {} });
    expect(summary.totalSpend).toBe(10_000 + 5_050 - 2_000);
    expect(summary.totalIncome).toBe(300_000);
    expect(summary.net).toBe(300_000 - 13_050);
    expect(summary.purchaseCount).toBe(2);
    expect(summary.transactionCount).toBe(6);
    // 13_050 / 2 = 6_525 exactly.
    expect(summary.averageTransaction).toBe(6_525);
    expect(summary.months).toBe(1);
    expect(summary.averageMonthlySpend).toBe(13_050);
    expect(summary.topCategories.map((c) => [c.name, c.spendMinor, c.share])).toEqual([
      ['Groceries', 13_050, 1],
    ]);

    const byCategory = await api.metrics.byCategory({ filter: {} });
    expect(byCategory.categories).toEqual([
      expect.objectContaining({
        categoryId: user.categories.Groceries,
        spendMinor: 13_050,
        transactionCount: 3,
      }),
    ]);
  });

  it('treats uncategorized money out as spend and uncategorized money in as income', async () => {
    const { api } = await userWith([
      () => ({ occurred_on: '2025-05-10', amount_minor: -1_234 }),
      () => ({ occurred_on: '2025-05-11', amount_minor: 999 }),
      (u) => ({ occurred_on: '2025-05-12', amount_minor: -766, category_id: u.categories.Dining! }),
    ]);
    const summary = await api.metrics.summary({ filter: {} });
    expect(summary.totalSpend).toBe(2_000);
    expect(summary.totalIncome).toBe(999);
    expect(summary.purchaseCount).toBe(2);
    const byCategory = await api.metrics.byCategory({ filter: {} });
    expect(byCategory.categories.map((c) => [c.categoryId, c.name, c.spendMinor])).toEqual([
      [null, 'Uncategorized', 1_234],
      [expect.any(String), 'Dining', 766],
    ]);
    const uncategorizedOnly = await api.metrics.summary({ filter: { includeUncategorized: true } });
    expect(uncategorizedOnly.totalSpend).toBe(1_234);
    expect(uncategorizedOnly.totalIncome).toBe(999);
  });

  it('returns zeros and no buckets for an empty result', async () => {
    const { api } = await userWith([]);
    const summary = await api.metrics.summary({ filter: {} });
    expect(summary).toMatchObject({
      totalSpend: 0,
      totalIncome: 0,
      purchaseCount: 0,
      averageTransaction: 0,
      averageMonthlySpend: 0,
      months: 0,
      rangeFrom: null,
      rangeTo: null,
      topCategories: [],
    });
    expect((await api.metrics.overTime({ filter: {} })).buckets).toEqual([]);
    expect((await api.metrics.byCategory({ filter: {} })).categories).toEqual([]);
    const ranged = await api.metrics.overTime({ filter: { from: '2025-01-01', to: '2025-01-03' } });
    expect(ranged.buckets.map((b) => [b.bucket, b.spendMinor])).toEqual([
      ['2025-01-01', 0],
      ['2025-01-02', 0],
      ['2025-01-03', 0],
    ]);
  });

  it('includes both ends of a one-day range and nothing around it', async () => {
    const { api } = await userWith([
      (u) => ({ occurred_on: '2025-06-14', amount_minor: -100, category_id: u.categories.Dining! }),
      (u) => ({ occurred_on: '2025-06-15', amount_minor: -200, category_id: u.categories.Dining! }),
      (u) => ({ occurred_on: '2025-06-16', amount_minor: -400, category_id: u.categories.Dining! }),
    ]);
    const filter = { from: '2025-06-15', to: '2025-06-15' };
    const summary = await api.metrics.summary({ filter });
    expect(summary.totalSpend).toBe(200);
    expect(summary.months).toBe(1);
    const overTime = await api.metrics.overTime({ filter });
    expect(overTime.granularity).toBe('day');
    expect(overTime.buckets).toEqual([
      {
        bucket: '2025-06-15',
        from: '2025-06-15',
        to: '2025-06-15',
        spendMinor: 200,
        transactionCount: 1,
      },
    ]);
  });

  it('splits month and year boundaries into the right buckets and counts touched months', async () => {
    const { api } = await userWith([
      (u) => ({
        occurred_on: '2024-12-31',
        amount_minor: -1_000,
        category_id: u.categories.Travel!,
      }),
      (u) => ({
        occurred_on: '2025-01-01',
        amount_minor: -2_000,
        category_id: u.categories.Travel!,
      }),
      (u) => ({
        occurred_on: '2025-01-31',
        amount_minor: -3_000,
        category_id: u.categories.Travel!,
      }),
      (u) => ({
        occurred_on: '2025-02-01',
        amount_minor: -4_000,
        category_id: u.categories.Travel!,
      }),
    ]);
    const filter = { from: '2024-12-31', to: '2025-02-01' };
    const monthly = await api.metrics.overTime({ filter, granularity: 'month' });
    expect(monthly.buckets.map((b) => [b.bucket, b.from, b.to, b.spendMinor])).toEqual([
      ['2024-12-01', '2024-12-31', '2024-12-31', 1_000],
      ['2025-01-01', '2025-01-01', '2025-01-31', 5_000],
      ['2025-02-01', '2025-02-01', '2025-02-01', 4_000],
    ]);
    // ISO weeks start on Monday: 2024-12-30 is the Monday of the week holding 2025-01-01.
    const weekly = await api.metrics.overTime({ filter, granularity: 'week' });
    expect(weekly.buckets[0]).toMatchObject({
      bucket: '2024-12-30',
      from: '2024-12-31',
      spendMinor: 3_000,
    });
    expect(weekly.buckets.reduce((s, b) => s + b.spendMinor, 0)).toBe(10_000);
    const summary = await api.metrics.summary({ filter });
    expect(summary.months).toBe(3);
    // 10_000 / 3 = 3_333.33 → 3_333.
    expect(summary.averageMonthlySpend).toBe(3_333);
    // Without a range the months run from the first to the last spend date.
    expect((await api.metrics.summary({ filter: {} })).months).toBe(3);
  });

  it('handles a leap day', async () => {
    const { api } = await userWith([
      (u) => ({
        occurred_on: '2024-02-28',
        amount_minor: -100,
        category_id: u.categories.Groceries!,
      }),
      (u) => ({
        occurred_on: '2024-02-29',
        amount_minor: -250,
        category_id: u.categories.Groceries!,
      }),
      (u) => ({
        occurred_on: '2024-03-01',
        amount_minor: -500,
        category_id: u.categories.Groceries!,
      }),
    ]);
    const leap = await api.metrics.summary({ filter: { from: '2024-02-29', to: '2024-02-29' } });
    expect(leap.totalSpend).toBe(250);
    const days = await api.metrics.overTime({ filter: { from: '2024-02-27', to: '2024-03-01' } });
    expect(days.buckets.map((b) => [b.bucket, b.spendMinor])).toEqual([
      ['2024-02-27', 0],
      ['2024-02-28', 100],
      ['2024-02-29', 250],
      ['2024-03-01', 500],
    ]);
    await expect(api.metrics.summary({ filter: { from: '2025-02-29' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('rounds the average transaction half up to a minor unit', async () => {
    const { api } = await userWith([
      (u) => ({ occurred_on: '2025-01-01', amount_minor: -1, category_id: u.categories.Dining! }),
      (u) => ({ occurred_on: '2025-01-02', amount_minor: -2, category_id: u.categories.Dining! }),
    ]);
    // 3 / 2 = 1.5 → 2.
    expect((await api.metrics.summary({ filter: {} })).averageTransaction).toBe(2);
  });

  it('applies every filter field', async () => {
    const { api, user } = await userWith([
      (u) => ({
        occurred_on: '2025-04-01',
        amount_minor: -1_000,
        category_id: u.categories.Groceries!,
        payee: 'Fresh Market',
        description: 'weekly shop',
      }),
      (u) => ({
        occurred_on: '2025-04-02',
        amount_minor: -5_000,
        category_id: u.categories.Dining!,
        payee: 'Chez 50% Off',
        account_id: u.accountIds[1]!,
      }),
      (u) => ({
        occurred_on: '2025-04-03',
        amount_minor: -20_000,
        category_id: u.categories.Travel!,
        payee: 'Air Line',
        description: 'Fresh start flight',
      }),
      () => ({ occurred_on: '2025-04-04', amount_minor: -700, payee: 'Corner shop' }),
      (u) => ({
        occurred_on: '2025-04-05',
        amount_minor: 90_000,
        category_id: u.categories.Salary!,
      }),
    ]);
    const spend = async (filter: Parameters<typeof api.metrics.summary>[0]['filter']) =>
      (await api.metrics.summary({ filter })).totalSpend;
    expect(
      await spend({ categoryIds: [user.categories.Groceries!, user.categories.Travel!] }),
    ).toBe(21_000);
    expect(
      await spend({ categoryIds: [user.categories.Dining!], includeUncategorized: true }),
    ).toBe(5_700);
    expect(await spend({ categoryIds: [] })).toBe(0);
    expect(await spend({ accountIds: [user.accountIds[1]!] })).toBe(5_000);
    expect(await spend({ minAmount: 1_000, maxAmount: 5_000 })).toBe(6_000);
    expect(await spend({ search: 'fresh' })).toBe(21_000);
    // LIKE wildcards in the search text are literal.
    expect(await spend({ search: '50%' })).toBe(5_000);
    expect(await spend({ search: '%' })).toBe(5_000);
    expect(await spend({ kind: 'income' })).toBe(0);
    expect((await api.metrics.summary({ filter: { kind: 'income' } })).totalIncome).toBe(90_000);
    expect(await spend({ kind: 'spend' })).toBe(26_700);
  });
});
