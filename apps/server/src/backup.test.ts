import type { Backup, OutlayClient } from '@outlay/client';
import { addDays, todayUtc } from '@outlay/contracts';
import { totalsDrift } from '@outlay/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failure,
  registerClient,
  startTestServer,
  uploadForm,
  type TestServer,
} from './testing.ts';

// A full backup over real HTTP with the real @outlay/client (DESIGN §10): one person's data out as
// one versioned file, and back into a newly registered account, in one change set History undoes.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { requestsPerMinute: 0, registrationsPerIp: 1_000 } });
});
afterAll(() => server.close());

const register = () => registerClient(server.baseUrl, 'backup');
const form = (content: string) => uploadForm(content, 'outlay-backup.json', {}, 'application/json');

const TABLES = [
  'accounts',
  'categories',
  'transactions',
  'transaction_lines',
  'budgets',
  'recurring_items',
  'due_items',
  'change_sets',
] as const;

/** Every row of a user's data, whole, for comparing before and after a refused call. */
async function snapshot(userId: string) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ row: unknown }>`
      select to_jsonb(t) as row from ${sql.table(table)} t where user_id = ${userId}
      order by id`.execute(server.testDb.db);
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

/**
 * A backup with its accounts and categories named rather than numbered (a restore may keep the
 * target account's own ids for those), and its time of export left out.
 */
function named(backup: Backup) {
  const names = new Map<string, string>();
  for (const a of backup.accounts) names.set(a.id, `account:${a.name}`);
  const byId = new Map(backup.categories.map((c) => [c.id, c]));
  for (const c of backup.categories) {
    const parent = c.parentId ? byId.get(c.parentId)?.name : '';
    names.set(c.id, `category:${parent}/${c.name}`);
  }
  return { names, canon: (value: unknown) => canonical(value, names) };
}

/**
 * `value` with ids replaced by names, without its time of export, and with the lists whose order
 * follows ids or times of creation (which a restore does not keep) sorted.
 */
function canonical(value: unknown, names: Map<string, string>): unknown {
  const unordered = new Set(['accounts', 'categories', 'budgets', 'recurringItems']);
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => {
    if (key === 'exportedAt') return undefined;
    if (unordered.has(key) && Array.isArray(v)) {
      return v
        .map((row) => JSON.stringify(row))
        .sort()
        .map((row) => JSON.parse(row) as unknown);
    }
    return typeof v === 'string' ? (names.get(v) ?? v) : v;
  });
}

/** The metrics of all time, in every shape the dashboard reads. */
async function metricsOf(client: OutlayClient) {
  return {
    summary: await client.metrics.summary.query({ filter: {} }),
    byCategory: await client.metrics.byCategory.query({ filter: {} }),
    byGroup: await client.metrics.byCategory.query({ filter: {}, groupBy: 'group' }),
    overTime: await client.metrics.overTime.query({ filter: {}, granularity: 'month' }),
  };
}

/** A person with a bit of everything: accounts, nested categories, splits, a transfer, a budget, a bill. */
async function demoUser() {
  const person = await register();
  const { client } = person;
  const categories = await client.categories.list.query();
  const id = (name: string) => categories.find((c) => c.name === name)!.id;
  // One starter category removed and one renamed, so the target's starter set differs.
  await client.categories.delete.mutate({ id: id('Travel') });
  const everyday = (await client.accounts.list.query()).find((a) => a.name === 'Everyday')!;
  const { account: savings } = await client.accounts.create.mutate({
    name: 'Savings',
    kind: 'savings',
    currency: 'USD',
    openingBalanceMinor: 100_000,
    openedOn: '2025-01-01',
  });
  const { account: card } = await client.accounts.create.mutate({
    name: 'Card',
    kind: 'credit',
    currency: 'USD',
  });
  const { category: food } = await client.categories.create.mutate({
    name: 'Food',
    kind: 'expense',
  });
  const { category: coffee } = await client.categories.create.mutate({
    name: 'Coffee',
    kind: 'expense',
    parentId: food.id,
    color: '#aa5500',
  });
  // A category named like a starter one, but inside a group: it must not be taken for it.
  const { category: foodDining } = await client.categories.create.mutate({
    name: 'Dining',
    kind: 'expense',
    parentId: food.id,
  });
  await client.transactions.create.mutate({
    accountId: everyday.id,
    occurredOn: '2025-03-01',
    amountMinor: 250_000,
    payee: 'Employer',
    categoryId: id('Salary'),
  });
  await client.transactions.create.mutate({
    accountId: everyday.id,
    occurredOn: '2025-03-02',
    amountMinor: -4_50,
    payee: 'Corner café',
    notes: 'with Sam\nand Alex',
    categoryId: coffee.id,
  });
  await client.transactions.create.mutate({
    accountId: card.id,
    occurredOn: '2025-03-05',
    amountMinor: -120_00,
    payee: 'Supermarket',
    splits: [
      { categoryId: id('Groceries'), amountMinor: -80_00, memo: 'food' },
      { categoryId: foodDining.id, amountMinor: -30_00 },
      { categoryId: null, amountMinor: -10_00, memo: 'something' },
    ],
  });
  await client.transactions.create.mutate({
    accountId: everyday.id,
    occurredOn: '2025-04-10',
    amountMinor: -60_00,
    payee: 'Uncategorised shop',
  });
  await client.transactions.create.mutate({
    accountId: everyday.id,
    occurredOn: '2025-04-12',
    amountMinor: 15_00,
    payee: 'Refund',
    categoryId: id('Groceries'),
  });
  await client.transfers.create.mutate({
    fromAccountId: everyday.id,
    toAccountId: savings.id,
    occurredOn: '2025-03-15',
    amountMinor: 500_00,
    description: 'Saving',
  });
  await client.budgets.create.mutate({
    groupId: food.id,
    period: 'monthly',
    amountMinor: 400_00,
    startsOn: '2025-01-01',
    rollover: 'unspent',
  });
  await client.budgets.create.mutate({
    categoryId: id('Groceries'),
    period: 'weekly',
    amountMinor: 50_00,
    startsOn: '2025-02-03',
    endsOn: '2026-02-01',
  });
  const { item: rent } = await client.recurring.create.mutate({
    name: 'Rent',
    payee: 'Landlord',
    amountMinor: -900_00,
    accountId: everyday.id,
    categoryId: id('Housing'),
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
    startsOn: addDays(todayUtc(new Date()), 1),
  });
  const due = await client.dueItems.list.query({
    from: todayUtc(new Date()),
    to: addDays(todayUtc(new Date()), 100),
  });
  const rentDue = due.items.filter((item) => item.recurringId === rent.id);
  expect(rentDue.length).toBeGreaterThanOrEqual(3);
  await client.dueItems.markPaid.mutate({ id: rentDue[0]!.id });
  await client.dueItems.skip.mutate({ id: rentDue[1]!.id });
  return person;
}

describe('a full backup', () => {
  it('round-trips into a new account: the same rows and the same metrics, one change set History undoes', async () => {
    const source = await demoUser();
    const backup = await source.client.backup.export.query();
    expect(backup).toMatchObject({ format: 'outlay-backup', version: 1, homeCurrency: 'USD' });
    expect(backup.accounts.map((a) => a.name).sort()).toEqual(['Card', 'Everyday', 'Savings']);
    expect(backup.categories.some((c) => c.name === 'Travel')).toBe(false);
    expect(backup.transactions).toHaveLength(8);
    expect(backup.transactions.filter((t) => t.transferId !== null)).toHaveLength(2);
    expect(backup.transactions.find((t) => t.lines.length > 0)?.lines).toHaveLength(3);
    expect(backup.budgets).toHaveLength(2);
    expect(backup.recurringItems).toHaveLength(1);
    expect(backup.dueItems.map((d) => d.status)).toEqual(
      expect.arrayContaining(['paid', 'skipped', 'upcoming']),
    );
    expect(backup.dueItems.find((d) => d.status === 'paid')?.transactionId).toEqual(
      expect.any(String),
    );

    const target = await register();
    const before = await snapshot(target.userId);
    const restored = await target.client.backup.restore.mutate(form(JSON.stringify(backup)));
    expect(restored).toMatchObject({
      accounts: 3,
      categories: backup.categories.length,
      transactions: 8,
      budgets: 2,
      recurringItems: 1,
      dueItems: backup.dueItems.length,
    });
    expect(restored.description).toBe(
      `Restored a backup: 8 transactions, 3 accounts, ${backup.categories.length} categories, 2 budgets and 1 bill`,
    );

    // The same rows: the target's export is the source's, once accounts and categories are named.
    const again = await target.client.backup.export.query();
    const from = named(backup);
    const to = named(again);
    expect(to.canon(again)).toEqual(from.canon(backup));
    // Rows written new keep the file's ids: transactions, lines, budgets, bills, due items.
    expect(again.transactions.map((t) => t.id)).toEqual(backup.transactions.map((t) => t.id));
    expect(again.dueItems.map((d) => d.id)).toEqual(backup.dueItems.map((d) => d.id));

    // The same metrics, exactly.
    expect(to.canon(await metricsOf(target.client))).toEqual(
      from.canon(await metricsOf(source.client)),
    );
    expect(await totalsDrift(server.testDb.db, target.userId)).toEqual([]);

    // One change set, and History undoes it: the account is as it was when registered.
    const history = await target.client.history.list.query({});
    expect(history.items[0]).toMatchObject({
      id: restored.changeSetId,
      action: 'backup.restore',
      description: restored.description,
      undone: false,
    });
    const undone = await target.client.history.undo.mutate({ changeSetId: restored.changeSetId });
    expect(undone.undoneId).toBe(restored.changeSetId);
    const after = await snapshot(target.userId);
    for (const table of TABLES.filter((t) => t !== 'change_sets')) {
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    }
    expect(await totalsDrift(server.testDb.db, target.userId)).toEqual([]);
    const summary = await target.client.metrics.summary.query({ filter: {} });
    expect(summary).toMatchObject({ totalSpend: 0, totalIncome: 0, transactionCount: 0 });

    // Undone, the account is empty again, so the backup restores again.
    await target.client.backup.restore.mutate(form(JSON.stringify(backup)));
    expect(to.canon(await target.client.backup.export.query())).toEqual(from.canon(backup));
  });

  it('is refused, with nothing written, into an account that already has data', async () => {
    const source = await demoUser();
    const backup = await source.client.backup.export.query();
    const target = await register();
    const [account] = await target.client.accounts.list.query();
    await target.client.transactions.create.mutate({
      accountId: account!.id,
      occurredOn: '2025-05-01',
      amountMinor: -1_00,
      payee: 'Mine',
    });
    const before = await snapshot(target.userId);
    expect(
      await failure(target.client.backup.restore.mutate(form(JSON.stringify(backup)))),
    ).toEqual({
      code: 'CONFLICT',
      message:
        'A backup can only be restored into an account with no data yet, and yours has transactions. Register a new account to restore into. Nothing was restored.',
    });
    expect(await snapshot(target.userId)).toEqual(before);

    // The source itself, with all its data, is refused the same way.
    const own = await snapshot(source.userId);
    expect(
      (await failure(source.client.backup.restore.mutate(form(JSON.stringify(backup))))).code,
    ).toBe('CONFLICT');
    expect(await snapshot(source.userId)).toEqual(own);
  });

  it('refuses a file that is not JSON, of another version, or whose references dangle, in words, writing nothing', async () => {
    const source = await demoUser();
    const backup = await source.client.backup.export.query();
    const target = await register();
    const before = await snapshot(target.userId);
    const refusal = async (content: string) =>
      failure(target.client.backup.restore.mutate(form(content)));

    expect(await refusal('{"format": "outlay-backup", ')).toEqual({
      code: 'BAD_REQUEST',
      message: 'This file is not a backup: it is not JSON',
    });
    expect(await refusal(JSON.stringify({ ...backup, version: 2 }))).toEqual({
      code: 'BAD_REQUEST',
      message: "This backup's version is not one this Outlay reads (it reads version 1)",
    });
    expect((await refusal(JSON.stringify({ ...backup, format: 'ynab' }))).message).toBe(
      'This is not an Outlay backup (its "format" is not "outlay-backup")',
    );
    expect((await refusal('[]')).code).toBe('BAD_REQUEST');

    const stray = '00000000-0000-4000-8000-000000000001';
    const dangling = structuredClone(backup);
    dangling.transactions[0]!.accountId = stray;
    dangling.budgets[0]!.categoryId = null;
    dangling.budgets[0]!.groupId = stray;
    expect(await refusal(JSON.stringify(dangling))).toEqual({
      code: 'BAD_REQUEST',
      message: `This backup does not hold together: transaction ${backup.transactions[0]!.id} names account ${stray}, which is not in the file; budget ${backup.budgets[0]!.id} names category ${stray}, which is not in the file`,
    });

    const halfTransfer = structuredClone(backup);
    const transferRow = halfTransfer.transactions.findIndex((t) => t.transferId !== null);
    const transferId = halfTransfer.transactions[transferRow]!.transferId;
    halfTransfer.transactions.splice(transferRow, 1);
    expect((await refusal(JSON.stringify(halfTransfer))).message).toContain(
      `transfer ${transferId} has 1 rows instead of 2`,
    );

    const badSplit = structuredClone(backup);
    const split = badSplit.transactions.find((t) => t.lines.length > 0)!;
    split.lines[0]!.amountMinor += 1;
    expect((await refusal(JSON.stringify(badSplit))).message).toContain(
      `the split lines of transaction ${split.id} do not add up to its amount`,
    );

    const extra = { ...backup, secret: true };
    expect((await refusal(JSON.stringify(extra))).code).toBe('BAD_REQUEST');

    expect(await snapshot(target.userId)).toEqual(before);
  });
});
