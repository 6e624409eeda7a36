import { totalsDrift } from '@outlay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing.ts';

// Categories you can change (DESIGN §9): two levels, names unique per group case-insensitively,
// archive keeps history, merge moves every row, delete only when unused; byCategory by group.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

const setUp = () => h.signedInUser();

describe('categories', () => {
  it('creates groups and categories in them, two levels deep, with names unique per group', async () => {
    const { user, api } = await setUp();
    const food = await api.categories.create({ name: 'Food', kind: 'expense', color: '#aa3300' });
    expect(food.category).toMatchObject({
      name: 'Food',
      parentId: null,
      archived: false,
      color: '#aa3300',
    });
    const coffee = await api.categories.create({
      name: 'Coffee',
      kind: 'expense',
      parentId: food.category.id,
    });
    expect(coffee.category).toMatchObject({ parentId: food.category.id, color: '#8a94a6' });
    expect((await api.history.list({ limit: 1 })).items[0]!.description).toBe(
      "Created the category 'Coffee' in Food",
    );

    await expect(
      api.categories.create({ name: 'COFFEE', kind: 'expense', parentId: food.category.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "A category named 'Coffee' already exists in Food",
    });
    // The same name in another group, or at the top, is another category.
    const travel = await api.categories.create({ name: 'Coffee', kind: 'expense' });
    expect(travel.category.parentId).toBeNull();
    await expect(api.categories.create({ name: 'dining', kind: 'expense' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      api.categories.create({ name: 'Espresso', kind: 'expense', parentId: coffee.category.id }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('two levels') as string,
    });
    await expect(
      api.categories.update({ id: food.category.id, patch: { parentId: user.categories.Dining! } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('is a group') as string,
    });
    await expect(
      api.categories.update({ id: food.category.id, patch: { parentId: food.category.id } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const renamed = await api.categories.update({
      id: coffee.category.id,
      patch: { name: 'Cafés' },
    });
    expect(renamed.category.name).toBe('Cafés');
    expect((await api.history.list({ limit: 1 })).items[0]!.description).toBe(
      "Renamed the category 'Coffee' to 'Cafés'",
    );
  });

  it('archives and restores, keeping the rows that use it', async () => {
    const { user, api } = await setUp();
    await h.insertTransactions(user, [
      { occurred_on: '2025-01-01', amount_minor: -700, category_id: user.categories.Travel! },
    ]);
    const archived = await api.categories.archive({ id: user.categories.Travel! });
    expect(archived.category.archived).toBe(true);
    expect(
      (await api.categories.list()).find((c) => c.id === user.categories.Travel)?.archived,
    ).toBe(true);
    expect((await api.metrics.byCategory({ filter: {} })).categories.map((c) => c.name)).toEqual([
      'Travel',
    ]);
    await expect(api.categories.archive({ id: user.categories.Travel! })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      (await api.categories.unarchive({ id: user.categories.Travel! })).category.archived,
    ).toBe(false);
  });

  it('merges one category into another, moving every transaction and line, undoably', async () => {
    const { user, api } = await setUp();
    const cat = (name: string) => user.categories[name]!;
    await h.insertTransactions(user, [
      { occurred_on: '2025-02-01', amount_minor: -100, category_id: cat('Dining') },
      { occurred_on: '2025-02-02', amount_minor: -200, category_id: cat('Dining') },
    ]);
    await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-02-03',
      amountMinor: -1_000,
      splits: [
        { categoryId: cat('Dining'), amountMinor: -400 },
        { categoryId: cat('Groceries'), amountMinor: -600 },
      ],
    });
    const merged = await api.categories.merge({ from: cat('Dining'), into: cat('Groceries') });
    expect(merged).toMatchObject({
      into: { name: 'Groceries' },
      moved: { transactions: 2, lines: 1 },
    });
    expect((await api.categories.list()).map((c) => c.name)).not.toContain('Dining');
    expect(
      (await api.metrics.byCategory({ filter: {} })).categories.map((c) => [c.name, c.spendMinor]),
    ).toEqual([['Groceries', 1_300]]);
    expect((await api.history.list({ limit: 1 })).items[0]!.description).toBe(
      "Merged 'Dining' into 'Groceries' (3 rows moved)",
    );
    expect(merged.description).toBe("Merged 'Dining' into 'Groceries' (3 rows moved)");
    expect(await totalsDrift(h.db, user.id)).toEqual([]);

    await api.history.undo({ changeSetId: merged.changeSetId });
    expect(
      (await api.metrics.byCategory({ filter: {} })).categories.map((c) => [c.name, c.spendMinor]),
    ).toEqual([
      ['Dining', 700],
      ['Groceries', 600],
    ]);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });

  it('deletes only an unused category, and says how many rows use one', async () => {
    const { user, api } = await setUp();
    await h.insertTransactions(user, [
      { occurred_on: '2025-02-01', amount_minor: -100, category_id: user.categories.Dining! },
      { occurred_on: '2025-02-02', amount_minor: -200, category_id: user.categories.Dining! },
    ]);
    await expect(api.categories.delete({ id: user.categories.Dining! })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "'Dining' is used by 2 transactions: merge it into another category or archive it",
    });
    const deleted = await api.categories.delete({ id: user.categories.Travel! });
    expect(deleted.id).toBe(user.categories.Travel);
    expect((await api.categories.list()).map((c) => c.name)).not.toContain('Travel');
  });

  it('groups spend by group as well as by category, with the same total', async () => {
    const { user, api } = await setUp();
    const cat = (name: string) => user.categories[name]!;
    const food = await api.categories.create({ name: 'Food', kind: 'expense', color: '#112233' });
    await api.categories.update({ id: cat('Groceries'), patch: { parentId: food.category.id } });
    await api.categories.update({ id: cat('Dining'), patch: { parentId: food.category.id } });
    await h.insertTransactions(user, [
      { occurred_on: '2025-03-01', amount_minor: -100, category_id: cat('Groceries') },
      { occurred_on: '2025-03-02', amount_minor: -250, category_id: cat('Dining') },
      { occurred_on: '2025-03-03', amount_minor: -400, category_id: cat('Travel') },
      { occurred_on: '2025-03-04', amount_minor: -50, category_id: food.category.id },
      { occurred_on: '2025-03-05', amount_minor: 5_000, category_id: cat('Salary') },
    ]);
    for (const filter of [{}, { minAmount: 0 }]) {
      const byCategory = await api.metrics.byCategory({ filter });
      const byGroup = await api.metrics.byCategory({ filter, groupBy: 'group' });
      expect(
        byGroup.categories.map((c) => [c.name, c.spendMinor, c.transactionCount, c.color]),
      ).toEqual([
        ['Food', 400, 3, '#112233'],
        ['Travel', 400, 1, expect.any(String) as string],
      ]);
      expect(byGroup.totalSpend).toBe(byCategory.totalSpend);
      expect(byCategory.categories.reduce((sum, c) => sum + c.spendMinor, 0)).toBe(800);
    }
  });
});

describe('accounts', () => {
  it('lists, creates, updates and archives accounts', async () => {
    const { user, api } = await setUp();
    const created = await api.accounts.create({
      name: 'Visa',
      kind: 'credit',
      currency: 'EUR',
      openingBalanceMinor: -12_000,
      openedOn: '2024-01-15',
    });
    expect(created.account).toMatchObject({
      name: 'Visa',
      kind: 'credit',
      currency: 'EUR',
      openingBalanceMinor: -12_000,
      openedOn: '2024-01-15',
      archived: false,
    });
    await expect(
      api.accounts.create({ name: 'visa', kind: 'cash', currency: 'EUR' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const renamed = await api.accounts.update({
      id: created.account.id,
      patch: { name: 'Visa Gold', currency: 'USD' },
    });
    expect(renamed.account).toMatchObject({ name: 'Visa Gold', currency: 'USD' });
    // A transaction takes its account's currency; then the currency is fixed.
    const { transactions } = await api.transactions.create({
      accountId: created.account.id,
      occurredOn: '2025-01-01',
      amountMinor: -1,
    });
    expect(transactions[0]!.currency).toBe('USD');
    await expect(
      api.accounts.update({ id: created.account.id, patch: { currency: 'EUR' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const archived = await api.accounts.archive({ id: created.account.id });
    expect(archived.account.archived).toBe(true);
    expect((await api.accounts.list()).map((a) => [a.name, a.archived])).toEqual([
      ['Account 1', false],
      ['Account 2', false],
      ['Visa Gold', true],
    ]);
    expect((await api.history.list({ limit: 1 })).items[0]!.description).toBe(
      "Archived the account 'Visa Gold'",
    );
    await api.accounts.unarchive({ id: created.account.id });
    const other = await h.createUser();
    await expect(api.accounts.archive({ id: other.accountIds[0]! })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(user.accountIds).toHaveLength(2);
  });
});
