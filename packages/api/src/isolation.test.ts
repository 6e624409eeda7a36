import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from './testing.ts';

// No procedure ever returns another user's rows or totals, even when asked for them by id.
let h: Harness;
let alice: TestUser;
let bob: TestUser;
let bobIds: Set<string>;
beforeAll(async () => {
  h = await createHarness();
  alice = await h.createUser();
  bob = await h.createUser();
  await h.insertTransactions(alice, [
    {
      occurred_on: '2025-01-10',
      amount_minor: -1_000,
      category_id: alice.categories.Groceries!,
      payee: 'Shared Payee',
    },
    { occurred_on: '2025-01-11', amount_minor: -2_000 },
  ]);
  const ids = await h.insertTransactions(bob, [
    {
      occurred_on: '2025-01-10',
      amount_minor: -700_000,
      category_id: bob.categories.Groceries!,
      payee: 'Shared Payee',
    },
    { occurred_on: '2025-01-12', amount_minor: -300_000 },
    { occurred_on: '2025-01-13', amount_minor: 900_000, category_id: bob.categories.Salary! },
  ]);
  bobIds = new Set([...ids, ...Object.values(bob.categories), ...bob.accountIds]);
});
afterAll(() => h.dispose());

it("returns only the caller's own rows and totals from every procedure", async () => {
  const api = await h.callerFor(alice);
  const filters = [
    {},
    { search: 'Shared' },
    // Bob's ids, asked for by Alice: they match nothing of hers and reveal nothing of his.
    { categoryIds: [bob.categories.Groceries!] },
    { accountIds: [bob.accountIds[0]!] },
  ];
  const expectedSpend = [3_000, 1_000, 0, 0];
  for (const [index, filter] of filters.entries()) {
    const summary = await api.metrics.summary({ filter });
    expect(summary.totalSpend).toBe(expectedSpend[index]);
    expect(summary.totalIncome).toBe(0);
    const overTime = await api.metrics.overTime({ filter });
    expect(overTime.buckets.reduce((s, b) => s + b.spendMinor, 0)).toBe(expectedSpend[index]);
    const byCategory = await api.metrics.byCategory({ filter });
    for (const row of byCategory.categories) expect(bobIds.has(row.categoryId ?? '')).toBe(false);
    const page = await api.transactions.list({ filter, limit: 500 });
    for (const item of page.items) {
      expect(bobIds.has(item.id)).toBe(false);
      expect(bobIds.has(item.accountId)).toBe(false);
    }
  }
  const categories = await api.categories.list();
  expect(categories.map((c) => c.id).sort()).toEqual(Object.values(alice.categories).sort());
  expect((await api.auth.me()).id).toBe(alice.id);
});
