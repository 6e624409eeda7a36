import { totalsDrift } from '@outlay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';

// Recording money through the procedures (DESIGN §9): every write returns its change set and the
// rows it touched, split lines count under their own categories everywhere, transfers count as
// neither spend nor income, and the period totals stay exact (compared with a recount).

let h: Harness;
let user: TestUser;
let api: Awaited<ReturnType<Harness['callerFor']>>;
beforeAll(async () => {
  h = await createHarness();
  user = await h.createUser();
  api = await h.callerFor(user);
});
afterAll(() => h.dispose());

const cat = (name: string) => user.categories[name]!;

async function changeSetCount(): Promise<number> {
  const rows = await h.db
    .selectFrom('change_sets')
    .select('id')
    .where('user_id', '=', user.id)
    .execute();
  return rows.length;
}

describe('transactions.create', () => {
  it('records a transaction in its account currency, and the dashboard follows at once', async () => {
    const before = await api.metrics.summary({ filter: { from: '2025-06-01', to: '2025-06-30' } });
    const written = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-06-03',
      amountMinor: -450,
      payee: '  Coffee  ',
      categoryId: cat('Dining'),
    });
    expect(written.transactions).toMatchObject([
      {
        payee: 'Coffee',
        amountMinor: -450,
        currency: 'USD',
        categoryName: 'Dining',
        accountName: 'Account 1',
        split: false,
        lines: [],
        transfer: null,
      },
    ]);
    const after = await api.metrics.summary({ filter: { from: '2025-06-01', to: '2025-06-30' } });
    expect(after.totalSpend - before.totalSpend).toBe(450);
    const history = await api.history.list({});
    // The write says what it did in the words the history uses.
    expect(written.description).toBe("Added 'Coffee' on 3 Jun 2025, $4.50");
    expect(history.items[0]).toMatchObject({
      id: written.changeSetId,
      action: 'transactions.create',
      description: "Added 'Coffee' on 3 Jun 2025, $4.50",
      actor: { kind: 'user', id: user.id },
      rowCount: 1,
      undone: false,
    });
    expect(await api.transactions.get({ id: written.transactions[0]!.id })).toEqual(
      written.transactions[0],
    );
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });

  it('splits a receipt: a filter on one category lists that line with its amount, and every figure agrees', async () => {
    const filter = { from: '2025-07-01', to: '2025-07-31' };
    const { transactions } = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-07-10',
      amountMinor: -10_000,
      payee: 'Market',
      splits: [
        { categoryId: cat('Groceries'), amountMinor: -7_000, memo: 'food' },
        { categoryId: cat('Dining'), amountMinor: -2_500 },
        { categoryId: null, amountMinor: -500, memo: 'bag' },
      ],
    });
    const receipt = transactions[0]!;
    expect(receipt).toMatchObject({ split: true, categoryId: null, amountMinor: -10_000 });
    expect(receipt.lines.map((l) => [l.lineNo, l.categoryName, l.amountMinor, l.memo])).toEqual([
      [1, 'Groceries', -7_000, 'food'],
      [2, 'Dining', -2_500, null],
      [3, null, -500, 'bag'],
    ]);

    const dining = await api.transactions.list({
      filter: { ...filter, categoryIds: [cat('Dining')] },
    });
    expect(dining.items).toMatchObject([
      {
        id: receipt.id,
        lineNo: 2,
        amountMinor: -2_500,
        transactionAmountMinor: -10_000,
        spendMinor: 2_500,
        categoryName: 'Dining',
      },
    ]);
    const all = await api.transactions.list({ filter });
    expect(all.items.map((row) => row.entryId).sort()).toEqual(
      receipt.lines.map((l) => l.id).sort(),
    );
    const summary = await api.metrics.summary({ filter });
    const byCategory = await api.metrics.byCategory({ filter });
    const overTime = await api.metrics.overTime({ filter });
    expect(summary.totalSpend).toBe(10_000);
    expect(summary.transactionCount).toBe(3);
    expect(byCategory.categories.map((c) => [c.name, c.spendMinor, c.transactionCount])).toEqual([
      ['Groceries', 7_000, 1],
      ['Dining', 2_500, 1],
      ['Uncategorized', 500, 1],
    ]);
    expect(overTime.buckets.reduce((sum, b) => sum + b.spendMinor, 0)).toBe(10_000);
    // The transactions path (an amount filter) agrees with the totals.
    expect((await api.metrics.summary({ filter: { ...filter, minAmount: 0 } })).totalSpend).toBe(
      10_000,
    );
    // An amount filter applies to the entry: only the Groceries line is above 50.00.
    const large = await api.transactions.list({ filter: { ...filter, minAmount: 5_000 } });
    expect(large.items.map((row) => row.lineNo)).toEqual([1]);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });
});

describe('transactions.update', () => {
  it('changes fields, replaces lines, and makes a split whole again', async () => {
    const { transactions } = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-08-01',
      amountMinor: -3_000,
      payee: 'Hardware',
      categoryId: cat('Groceries'),
    });
    const id = transactions[0]!.id;
    const moved = await api.transactions.update({
      id,
      patch: {
        occurredOn: '2025-08-02',
        amountMinor: -3_500,
        notes: 'nails\nand glue',
        accountId: user.accountIds[1]!,
      },
    });
    expect(moved.transactions[0]).toMatchObject({
      occurredOn: '2025-08-02',
      amountMinor: -3_500,
      notes: 'nails\nand glue',
      accountName: 'Account 2',
      categoryName: 'Groceries',
    });
    const split = await api.transactions.update({
      id,
      patch: {
        splits: [
          { categoryId: cat('Travel'), amountMinor: -3_000 },
          { categoryId: cat('Dining'), amountMinor: -500 },
        ],
      },
    });
    expect(split.transactions[0]).toMatchObject({ split: true, categoryId: null });
    expect(split.transactions[0]!.lines.map((l) => l.amountMinor)).toEqual([-3_000, -500]);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);

    const whole = await api.transactions.update({
      id,
      patch: { splits: null, categoryId: cat('Travel') },
    });
    expect(whole.transactions[0]).toMatchObject({
      split: false,
      lines: [],
      categoryName: 'Travel',
    });
    const history = await api.history.list({ limit: 1 });
    expect(history.items[0]!.description).toBe(
      "Changed 'Hardware' on 2 Aug 2025, $35.00: category and split",
    );
    expect(whole.description).toBe(history.items[0]!.description);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });

  it('refuses a new amount on a split without new lines, and lines that do not add up', async () => {
    const { transactions } = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-08-05',
      amountMinor: -1_000,
      splits: [
        { categoryId: cat('Groceries'), amountMinor: -600 },
        { categoryId: cat('Dining'), amountMinor: -400 },
      ],
    });
    const id = transactions[0]!.id;
    const sets = await changeSetCount();
    await expect(
      api.transactions.update({ id, patch: { amountMinor: -1_200 } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('send new lines') as string,
    });
    await expect(
      api.transactions.update({
        id,
        patch: {
          splits: [
            { categoryId: null, amountMinor: -1 },
            { categoryId: null, amountMinor: -2 },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.transactions.update({ id, patch: { categoryId: cat('Travel') } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await changeSetCount()).toBe(sets);
    expect((await api.transactions.get({ id })).lines.map((l) => l.amountMinor)).toEqual([
      -600, -400,
    ]);
  });
});

describe('transactions.delete and bulkUpdate', () => {
  it('bulk-recategorises, lines included, as one change set described in words', async () => {
    const ids = [];
    for (const [amount, category] of [
      [-100, 'Dining'],
      [-200, 'Dining'],
      [-300, 'Travel'],
    ] as const) {
      const { transactions } = await api.transactions.create({
        accountId: user.accountIds[0]!,
        occurredOn: '2025-09-01',
        amountMinor: amount,
        categoryId: cat(category),
      });
      ids.push(transactions[0]!.id);
    }
    const { transactions } = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-09-02',
      amountMinor: -1_000,
      splits: [
        { categoryId: cat('Dining'), amountMinor: -900 },
        { categoryId: null, amountMinor: -100 },
      ],
    });
    ids.push(transactions[0]!.id);
    const result = await api.transactions.bulkUpdate({
      ids,
      set: { categoryId: cat('Groceries') },
    });
    expect(new Set(result.ids)).toEqual(new Set(ids));
    const filter = { from: '2025-09-01', to: '2025-09-02' };
    const byCategory = await api.metrics.byCategory({ filter });
    expect(byCategory.categories.map((c) => [c.name, c.spendMinor])).toEqual([
      ['Groceries', 1_600],
    ]);
    const [entry] = (await api.history.list({ limit: 1 })).items;
    expect(entry).toMatchObject({
      id: result.changeSetId,
      description: 'Changed the category of 4 transactions from 3 categories to Groceries',
      rowCount: 6,
    });
    expect(result.description).toBe(entry!.description);
    expect(await totalsDrift(h.db, user.id)).toEqual([]);

    const deleted = await api.transactions.delete({ ids: [ids[0]!, ids[3]!, ids[0]!] });
    expect(new Set(deleted.ids)).toEqual(new Set([ids[0], ids[3]]));
    expect((await api.metrics.byCategory({ filter })).totalSpend).toBe(500);
    expect((await api.history.list({ limit: 1 })).items[0]!.description).toBe(
      'Deleted 2 transactions',
    );
    expect(deleted.description).toBe('Deleted 2 transactions');
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });

  it('changes nothing when any id is not the caller’s', async () => {
    const other = await h.createUser();
    const [theirs] = await h.insertTransactions(other, [
      { occurred_on: '2025-01-01', amount_minor: -1 },
    ]);
    const { transactions } = await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-09-03',
      amountMinor: -5,
      payee: 'Mine',
    });
    const mine = transactions[0]!.id;
    const sets = await changeSetCount();
    await expect(api.transactions.delete({ ids: [mine, theirs!] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.transactions.bulkUpdate({ ids: [mine, theirs!], set: { payee: 'X' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.transactions.update({ id: theirs!, patch: { payee: 'X' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.transactions.get({ id: theirs! })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.transactions.create({
        accountId: other.accountIds[0]!,
        occurredOn: '2025-01-01',
        amountMinor: -1,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Account not found' });
    await expect(
      api.transactions.bulkUpdate({ ids: [mine], set: { categoryId: other.categories.Dining! } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Category not found' });
    expect(await changeSetCount()).toBe(sets);
    expect((await api.transactions.get({ id: mine })).payee).toBe('Mine');
  });
});

describe('transfers', () => {
  it('move money between two accounts, count as neither spend nor income, and are edited and deleted together', async () => {
    const filter = { from: '2025-10-01', to: '2025-10-31' };
    const before = await api.metrics.summary({ filter });
    const { changeSetId, description, transactions } = await api.transfers.create({
      fromAccountId: user.accountIds[0]!,
      toAccountId: user.accountIds[1]!,
      occurredOn: '2025-10-05',
      amountMinor: 25_000,
      payee: 'To savings',
    });
    const [out, into] = transactions;
    expect(out).toMatchObject({
      amountMinor: -25_000,
      accountName: 'Account 1',
      transfer: { otherAccountName: 'Account 2', otherTransactionId: into!.id },
    });
    expect(into).toMatchObject({
      amountMinor: 25_000,
      accountName: 'Account 2',
      transfer: { otherAccountName: 'Account 1' },
    });
    const after = await api.metrics.summary({ filter });
    expect(after.totalSpend).toBe(before.totalSpend);
    expect(after.totalIncome).toBe(before.totalIncome);
    expect(after.transactionCount).toBe(before.transactionCount + 2);
    const listed = await api.transactions.list({ filter });
    expect(listed.items.filter((row) => row.transfer).map((row) => row.spendMinor)).toEqual([0, 0]);
    expect((await api.history.list({ limit: 1 })).items[0]).toMatchObject({
      id: changeSetId,
      description: 'Transferred $250.00 from Account 1 to Account 2 on 5 Oct 2025',
    });
    expect(description).toBe('Transferred $250.00 from Account 1 to Account 2 on 5 Oct 2025');

    // A category does not make a transfer spend; a new date and amount move both rows.
    await api.transactions.update({ id: out!.id, patch: { categoryId: cat('Dining') } });
    expect((await api.metrics.summary({ filter })).totalSpend).toBe(before.totalSpend);
    const edited = await api.transactions.update({
      id: into!.id,
      patch: { amountMinor: 30_000, occurredOn: '2025-10-06' },
    });
    expect(edited.transactions.map((t) => [t.amountMinor, t.occurredOn])).toEqual([
      [30_000, '2025-10-06'],
      [-30_000, '2025-10-06'],
    ]);
    await expect(
      api.transactions.update({ id: out!.id, patch: { accountId: user.accountIds[1]! } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.transactions.update({
        id: out!.id,
        patch: {
          splits: [
            { categoryId: null, amountMinor: -1 },
            { categoryId: null, amountMinor: -29_999 },
          ],
        },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'A transfer cannot be split' });
    await expect(
      api.transactions.bulkUpdate({ ids: [out!.id], set: { accountId: user.accountIds[1]! } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await totalsDrift(h.db, user.id)).toEqual([]);

    const deleted = await api.transactions.delete({ ids: [into!.id] });
    expect(new Set(deleted.ids)).toEqual(new Set([out!.id, into!.id]));
    await expect(api.transactions.get({ id: out!.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  });
});

describe('helpers for entering and selecting', () => {
  it('suggests recent payees with the category and account they used last', async () => {
    const { user: me, api: mine } = await h.signedInUser();
    const entry = (payee: string, occurredOn: string, category: string, account = 0) =>
      mine.transactions.create({
        accountId: me.accountIds[account]!,
        occurredOn,
        amountMinor: -100,
        payee,
        categoryId: me.categories[category]!,
      });
    await entry('Corner Cafe', '2025-01-01', 'Dining');
    await entry('Corner Cafe', '2025-02-01', 'Groceries', 1);
    await entry('corner shop', '2025-01-15', 'Groceries');
    await entry('Cinema', '2025-03-01', 'Travel');
    expect(await mine.transactions.payees({ prefix: 'COR' })).toEqual([
      {
        payee: 'Corner Cafe',
        categoryId: me.categories.Groceries,
        accountId: me.accountIds[1],
        lastUsedOn: '2025-02-01',
      },
      {
        payee: 'corner shop',
        categoryId: me.categories.Groceries,
        accountId: me.accountIds[0],
        lastUsedOn: '2025-01-15',
      },
    ]);
    expect((await mine.transactions.payees({ limit: 1 })).map((p) => p.payee)).toEqual(['Cinema']);
    expect(await mine.transactions.payees({ prefix: '100%' })).toEqual([]);
  });

  it('lists the ids of every transaction behind a filter, a split one once', async () => {
    const { user: me, api: mine } = await h.signedInUser();
    const cat = (name: string) => me.categories[name]!;
    const split = await mine.transactions.create({
      accountId: me.accountIds[0]!,
      occurredOn: '2025-04-01',
      amountMinor: -300,
      splits: [
        { categoryId: cat('Dining'), amountMinor: -100 },
        { categoryId: cat('Dining'), amountMinor: -200 },
      ],
    });
    const whole = await mine.transactions.create({
      accountId: me.accountIds[0]!,
      occurredOn: '2025-04-02',
      amountMinor: -5,
      categoryId: cat('Dining'),
    });
    await mine.transactions.create({
      accountId: me.accountIds[0]!,
      occurredOn: '2025-04-03',
      amountMinor: -5,
      categoryId: cat('Travel'),
    });
    expect(await mine.transactions.ids({ filter: { categoryIds: [cat('Dining')] } })).toEqual({
      ids: [whole.transactions[0]!.id, split.transactions[0]!.id],
      truncated: false,
    });
  });
});
