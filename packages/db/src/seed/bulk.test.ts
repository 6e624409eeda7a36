import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing.ts';
import { generatedRows, type GeneratedRow } from './generated-rows.ts';
import {
  BULK_HISTORY_DAYS,
  generateBulk,
  type BulkResult,
  type GenerateBulkOptions,
} from './bulk.ts';

const TODAY = '2026-11-21';
const OPTIONS = {
  users: 3,
  transactionsPerUser: 1500,
  seed: 7,
  passwordHash: 'bulk-hash',
  today: TODAY,
  chunkSize: 1000,
} satisfies GenerateBulkOptions;
const TOTAL = OPTIONS.users * OPTIONS.transactionsPerUser;

/** Both totals tables by user email, category name and period, independent of generated ids. */
async function periodTotals({ db }: TestDb) {
  const read = (table: 'daily_totals' | 'monthly_totals', period: 'day' | 'month') =>
    sql<{
      email: string;
      period: string;
      category: string | null;
      sign: number;
      sum: number;
      n: number;
    }>`
      select u.email, t.${sql.ref(period)}::text as period, c.name as category, t.sign,
        t.amount_sum as sum, t.row_count as n
      from ${sql.table(table)} t
      join users u on u.id = t.user_id
      left join categories c on c.user_id = t.user_id and c.id = t.category_id
      where u.email like 'bench-%' and t.row_count > 0
      order by 1, 2, 3 nulls first, 4`
      .execute(db)
      .then((result) => result.rows);
  return {
    daily: await read('daily_totals', 'day'),
    monthly: await read('monthly_totals', 'month'),
  };
}

describe('generateBulk', () => {
  let first: TestDb;
  let second: TestDb;
  let result: BulkResult;
  let rows: GeneratedRow[];
  const progress: [number, number][] = [];

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDb(), createTestDb()]);
    result = await generateBulk(first.db, {
      ...OPTIONS,
      onProgress: (done, total) => progress.push([done, total]),
    });
    rows = await generatedRows(first.db, 'bench-%');
  });

  afterAll(async () => {
    await Promise.all([first?.dispose(), second?.dispose()]);
  });

  it('creates the users with exactly transactionsPerUser rows each', async () => {
    expect(result.rows).toBe(TOTAL);
    expect(result.ms).toBeGreaterThan(0);
    const users = await first.db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash'])
      .orderBy('email')
      .execute();
    expect(users.map((u) => u.email)).toEqual([
      'bench-1@example.com',
      'bench-2@example.com',
      'bench-3@example.com',
    ]);
    expect(users.every((u) => u.password_hash === 'bulk-hash')).toBe(true);
    expect(new Set(result.userIds)).toEqual(new Set(users.map((u) => u.id)));

    const perUser = await first.db
      .selectFrom('transactions')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('user_id')
      .execute();
    expect(perUser).toHaveLength(OPTIONS.users);
    for (const { user_id, n } of perUser) {
      expect(result.userIds).toContain(user_id);
      expect(Number(n)).toBe(OPTIONS.transactionsPerUser);
    }
    expect(rows).toHaveLength(TOTAL);
  });

  it('reports progress after every chunk', () => {
    expect(progress).toEqual([
      [1000, TOTAL],
      [2000, TOTAL],
      [3000, TOTAL],
      [4000, TOTAL],
      [4500, TOTAL],
    ]);
  });

  it('gives every user 12 categories and two accounts', async () => {
    const categories = await first.db
      .selectFrom('categories')
      .select(['user_id', 'name', 'kind', 'color'])
      .execute();
    const accounts = await first.db.selectFrom('accounts').select(['user_id', 'kind']).execute();
    for (const id of result.userIds) {
      const mine = categories.filter((c) => c.user_id === id);
      expect(mine).toHaveLength(12);
      expect(mine.filter((c) => c.kind === 'expense')).toHaveLength(10);
      expect(mine.find((c) => c.kind === 'income')?.name).toBe('Salary');
      expect(mine.find((c) => c.kind === 'transfer')?.name).toBe('Transfer');
      expect(mine.every((c) => /^#[0-9a-f]{6}$/.test(c.color))).toBe(true);
      expect(
        accounts
          .filter((a) => a.user_id === id)
          .map((a) => a.kind)
          .sort(),
      ).toEqual(['checking', 'savings']);
    }
  });

  it('is deterministic for a seed, with or without triggers during the load', async () => {
    // The first database was loaded the fast way (the test role is a superuser); this one row by
    // row through every trigger and foreign-key check.
    await generateBulk(second.db, { ...OPTIONS, bypassTriggers: false });
    expect(await generatedRows(second.db, 'bench-%')).toEqual(rows);
    // The totals built once after the fast load equal those the triggers kept chunk by chunk, and
    // both moved every user's data version.
    expect(await periodTotals(first)).toEqual(await periodTotals(second));
    expect((await periodTotals(first)).daily.length).toBeGreaterThan(0);
    for (const testDb of [first, second]) {
      const versions = await testDb.db
        .selectFrom('users')
        .select('data_version')
        .where('email', 'like', 'bench-%')
        .execute();
      expect(versions.every((u) => u.data_version > 0)).toBe(true);
    }
  });

  it('leaves every reference valid after a load without foreign-key checks', async () => {
    const { rows: orphans } = await sql<{ n: number }>`
      select count(*)::int as n from transactions t
      where not exists (select 1 from users u where u.id = t.user_id)
        or not exists (select 1 from accounts a where a.user_id = t.user_id and a.id = t.account_id)
        or (t.category_id is not null and not exists
          (select 1 from categories c where c.user_id = t.user_id and c.id = t.category_id))`.execute(
      first.db,
    );
    expect(orphans).toEqual([{ n: 0 }]);
  });

  it('generates different rows for a different seed', async () => {
    await generateBulk(first.db, { ...OPTIONS, seed: 8, emailPrefix: 'other' });
    const other = await generatedRows(first.db, 'other-%');
    expect(other).toHaveLength(TOTAL);
    const key = (r: GeneratedRow) => `${r.occurred_on}/${r.amount_minor}/${r.payee}`;
    const mine = new Set(rows.map(key));
    expect(other.filter((r) => mine.has(key(r))).length).toBeLessThan(TOTAL / 10);
  });

  it('mixes income, transfers, uncategorized rows and refunds into the expenses', () => {
    const share = (test: (r: GeneratedRow) => boolean) => rows.filter(test).length / rows.length;
    const income = share((r) => r.kind === 'income');
    const transfer = share((r) => r.kind === 'transfer');
    const uncategorized = share((r) => r.category === null);
    const refunds = share((r) => r.kind === 'expense' && r.amount_minor > 0);
    expect(income).toBeGreaterThan(0.015);
    expect(income).toBeLessThan(0.045);
    expect(transfer).toBeGreaterThan(0.01);
    expect(transfer).toBeLessThan(0.035);
    expect(uncategorized).toBeGreaterThan(0.015);
    expect(uncategorized).toBeLessThan(0.045);
    expect(refunds).toBeGreaterThan(0.003);
    expect(refunds).toBeLessThan(0.02);
    expect(rows.some((r) => r.category === null && r.amount_minor > 0)).toBe(true);
    expect(rows.some((r) => r.category === null && r.amount_minor < 0)).toBe(true);
    expect(rows.filter((r) => r.kind === 'income').every((r) => r.amount_minor > 0)).toBe(true);
  });

  it('draws skewed amounts, safe integers, over five years ending today', () => {
    expect(rows.every((r) => Number.isSafeInteger(r.amount_minor) && r.amount_minor !== 0)).toBe(
      true,
    );
    const spend = rows
      .filter((r) => r.kind === 'expense' || (r.category === null && r.amount_minor < 0))
      .map((r) => Math.abs(r.amount_minor))
      .sort((a, b) => a - b);
    expect(spend[0]).toBeGreaterThanOrEqual(200);
    expect(spend.at(-1)).toBeLessThanOrEqual(300_000);
    expect(spend.filter((a) => a <= 20_000).length / spend.length).toBeGreaterThan(0.94);
    expect(spend.some((a) => a > 100_000)).toBe(true);
    const median = spend[Math.floor(spend.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(1000);
    expect(median).toBeLessThan(5000);

    const dates = rows.map((r) => r.occurred_on).sort();
    const earliest = Date.parse(TODAY) - (BULK_HISTORY_DAYS - 1) * 86_400_000;
    expect(Date.parse(dates[0] ?? '')).toBeGreaterThanOrEqual(earliest);
    expect(Date.parse(dates[0] ?? '')).toBeLessThan(earliest + 30 * 86_400_000);
    const latest = dates.at(-1) ?? '';
    expect(latest <= TODAY).toBe(true);
    expect(Date.parse(latest)).toBeGreaterThan(Date.parse(TODAY) - 10 * 86_400_000);
  });

  it('names payees from a list of about fifty', () => {
    const payees = new Set(rows.filter((r) => r.kind === 'expense').map((r) => r.payee));
    expect(payees.size).toBeGreaterThanOrEqual(40);
    expect(payees.size).toBeLessThanOrEqual(50);
    expect(payees.has(null)).toBe(false);
  });

  it('refuses users that already exist and bad options', async () => {
    await expect(generateBulk(first.db, OPTIONS)).rejects.toThrow(/already exist/);
    await expect(generateBulk(first.db, { ...OPTIONS, users: 0 })).rejects.toThrow(RangeError);
    await expect(
      generateBulk(first.db, { ...OPTIONS, emailPrefix: 'x', today: '21/11/2026' }),
    ).rejects.toThrow(RangeError);
  });
});
