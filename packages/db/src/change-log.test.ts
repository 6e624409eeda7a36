import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChangeSet } from './change-sets.ts';
import type { Database } from './schema.ts';
import { totalsDrift } from './consistency.ts';
import { createTestDb, type TestDb } from './testing.ts';

// The database's own guarantees (DESIGN §9), below any service: the change log is written by
// triggers and cannot be skipped, the period totals count split lines and keep transfers apart
// exactly, and the deferred checks keep splits, transfers and categories whole.

let t: TestDb;
let userId: string;
let accounts: [string, string];
let categories: { food: string; fun: string; salary: string };

beforeAll(async () => {
  t = await createTestDb();
  ({ id: userId } = await t.db
    .insertInto('users')
    .values({ email: 'log@example.com', password_hash: 'x', display_name: 'Log', profile: null })
    .returning('id')
    .executeTakeFirstOrThrow());
  await write(async (trx) => {
    const rows = await trx
      .insertInto('accounts')
      .values(
        ['Checking', 'Savings'].map((name) => ({
          user_id: userId,
          name,
          kind: 'checking' as const,
          currency: 'USD',
        })),
      )
      .returning('id')
      .execute();
    accounts = [rows[0]!.id, rows[1]!.id];
    const [food, fun, salary] = await trx
      .insertInto('categories')
      .values([
        { user_id: userId, name: 'Food', kind: 'expense', color: '#112233' },
        { user_id: userId, name: 'Fun', kind: 'expense', color: '#112233' },
        { user_id: userId, name: 'Salary', kind: 'income', color: '#112233' },
      ])
      .returning('id')
      .execute();
    categories = { food: food!.id, fun: fun!.id, salary: salary!.id };
  });
});
afterAll(() => t.dispose());

/** Runs `work` in a transaction with a change set open; returns the change set's id. */
async function write(work: (trx: Kysely<Database>) => Promise<unknown>): Promise<string> {
  return t.db.transaction().execute(async (trx) => {
    const id = await openChangeSet(trx, {
      user: { id: userId },
      actor: { kind: 'job', id: null },
      action: 'test',
      summary: {},
    });
    await work(trx);
    return id;
  });
}

const logOf = (changeSetId: string) =>
  t.db
    .selectFrom('change_log')
    .select(['table_name', 'op', 'row_key', 'before', 'after'])
    .where('user_id', '=', userId)
    .where('change_set_id', '=', changeSetId)
    .orderBy('id')
    .execute();

const purchase = (amount: number, extra: Record<string, unknown> = {}) => ({
  user_id: userId,
  account_id: accounts[0],
  occurred_on: '2025-03-10',
  amount_minor: amount,
  currency: 'USD',
  ...extra,
});

describe('the change log', () => {
  it('refuses a write without a change set, and lets a statement that changes nothing pass', async () => {
    await expect(t.db.insertInto('transactions').values(purchase(-100)).execute()).rejects.toThrow(
      /No change set/,
    );
    await expect(
      t.db
        .updateTable('categories')
        .set({ name: 'Groceries' })
        .where('id', '=', categories.food)
        .execute(),
    ).rejects.toThrow(/No change set/);
    const none = await t.db
      .deleteFrom('transactions')
      .where('user_id', '=', userId)
      .where('payee', '=', 'no such payee')
      .execute();
    expect(Number(none[0]?.numDeletedRows)).toBe(0);
  });

  it('logs each row once per statement, with the row before and after, and skips unchanged rows', async () => {
    let ids: string[] = [];
    const created = await write(async (trx) => {
      ids = (
        await trx
          .insertInto('transactions')
          .values([purchase(-100, { payee: 'A' }), purchase(-200, { payee: 'B' })])
          .returning('id')
          .execute()
      ).map((r) => r.id);
    });
    const inserted = await logOf(created);
    expect(inserted.map((r) => [r.table_name, r.op])).toEqual([
      ['transactions', 'insert'],
      ['transactions', 'insert'],
    ]);
    expect(inserted.every((r) => r.before === null)).toBe(true);
    expect(new Set(inserted.map((r) => (r.row_key as { id: string }).id))).toEqual(new Set(ids));
    expect(inserted.map((r) => r.after?.payee).sort()).toEqual(['A', 'B']);

    const edited = await write(async (trx) => {
      // One row changes, the other is set to what it already is.
      await trx
        .updateTable('transactions')
        .set((eb) => ({ payee: eb.fn('upper', [eb.fn('lower', ['payee'])]) }))
        .where('id', 'in', ids)
        .execute();
      await trx
        .updateTable('transactions')
        .set({ payee: 'a2' })
        .where('id', '=', ids[0]!)
        .execute();
    });
    const updated = await logOf(edited);
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      op: 'update',
      before: { payee: 'A' },
      after: { payee: 'a2' },
    });

    const removed = await write((trx) =>
      trx.deleteFrom('transactions').where('id', 'in', ids).execute(),
    );
    const deleted = await logOf(removed);
    expect(deleted.map((r) => [r.op, r.after])).toEqual([
      ['delete', null],
      ['delete', null],
    ]);
    expect(deleted.map((r) => r.before?.payee).sort()).toEqual(['B', 'a2']);
  });

  it("refuses a change set of another user and a change of a row's key", async () => {
    const { id: otherId } = await t.db
      .insertInto('users')
      .values({ email: 'other@example.com', password_hash: 'x', display_name: 'O', profile: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await openChangeSet(trx, {
          user: { id: otherId },
          actor: { kind: 'job', id: null },
          action: 'test',
          summary: {},
        });
        await trx.insertInto('transactions').values(purchase(-1)).execute();
      }),
    ).rejects.toThrow(/is not the one of every row/);
    await expect(
      write((trx) =>
        trx
          .updateTable('categories')
          .set({ id: '00000000-0000-4000-8000-000000000000' })
          .where('id', '=', categories.fun)
          .execute(),
      ),
    ).rejects.toThrow(/never changes/);
  });
});

describe('the period totals', () => {
  it('count each split line under its own category and keep transfers apart, exactly, through every kind of write', async () => {
    let receipt = '';
    await write(async (trx) => {
      ({ id: receipt } = await trx
        .insertInto('transactions')
        .values(purchase(-10_000, { split: true, payee: 'Market' }))
        .returning('id')
        .executeTakeFirstOrThrow());
      await trx
        .insertInto('transaction_lines')
        .values([
          {
            user_id: userId,
            transaction_id: receipt,
            line_no: 1,
            category_id: categories.food,
            amount_minor: -7_000,
            memo: null,
          },
          {
            user_id: userId,
            transaction_id: receipt,
            line_no: 2,
            category_id: categories.fun,
            amount_minor: -3_000,
            memo: null,
          },
        ])
        .execute();
      const transfer = '10000000-0000-4000-8000-000000000001';
      await trx
        .insertInto('transactions')
        .values([
          purchase(-5_000, { transfer_id: transfer, category_id: categories.food }),
          purchase(5_000, { transfer_id: transfer, account_id: accounts[1] }),
        ])
        .execute();
    });
    expect(await totalsDrift(t.db, userId)).toEqual([]);
    const daily = await t.db
      .selectFrom('daily_totals')
      .select(['category_id', 'transfer', 'amount_sum', 'row_count'])
      .where('user_id', '=', userId)
      .where('day', '=', '2025-03-10')
      .where('row_count', '<>', 0)
      .execute();
    expect(daily).toEqual(
      expect.arrayContaining([
        { category_id: categories.food, transfer: false, amount_sum: -7_000, row_count: 1 },
        { category_id: categories.fun, transfer: false, amount_sum: -3_000, row_count: 1 },
        { category_id: categories.food, transfer: true, amount_sum: -5_000, row_count: 1 },
      ]),
    );

    // Lines first, then the transaction (and the other order below): exact in between and after.
    await write(async (trx) => {
      await trx
        .updateTable('transaction_lines')
        .set({ amount_minor: -2_000 })
        .where('transaction_id', '=', receipt)
        .where('line_no', '=', 2)
        .execute();
      await trx
        .updateTable('transactions')
        .set({ amount_minor: -9_000 })
        .where('id', '=', receipt)
        .execute();
      expect(await totalsDrift(trx, userId)).toEqual([]);
      await trx
        .updateTable('transactions')
        .set({ occurred_on: '2025-04-30' })
        .where('id', '=', receipt)
        .execute();
      expect(await totalsDrift(trx, userId)).toEqual([]);
    });
    expect(await totalsDrift(t.db, userId)).toEqual([]);

    // Unsplit it: the lines go, the transaction takes a category, then split again.
    await write(async (trx) => {
      await trx
        .updateTable('transactions')
        .set({ split: false, category_id: categories.food })
        .where('id', '=', receipt)
        .execute();
      await trx.deleteFrom('transaction_lines').where('transaction_id', '=', receipt).execute();
    });
    expect(await totalsDrift(t.db, userId)).toEqual([]);
    await write(async (trx) => {
      await trx
        .insertInto('transaction_lines')
        .values([
          {
            user_id: userId,
            transaction_id: receipt,
            line_no: 1,
            category_id: null,
            amount_minor: -9_500,
            memo: 'x',
          },
          {
            user_id: userId,
            transaction_id: receipt,
            line_no: 2,
            category_id: categories.salary,
            amount_minor: 500,
            memo: null,
          },
        ])
        .execute();
      await trx
        .updateTable('transactions')
        .set({ split: true, category_id: null })
        .where('id', '=', receipt)
        .execute();
    });
    expect(await totalsDrift(t.db, userId)).toEqual([]);
    await write(async (trx) => {
      await trx.deleteFrom('transaction_lines').where('transaction_id', '=', receipt).execute();
      await trx.deleteFrom('transactions').where('user_id', '=', userId).execute();
    });
    expect(await totalsDrift(t.db, userId)).toEqual([]);
  });

  it('write no totals for an edit that moves no money', async () => {
    let id = '';
    await write(async (trx) => {
      ({ id } = await trx
        .insertInto('transactions')
        .values(purchase(-100))
        .returning('id')
        .executeTakeFirstOrThrow());
    });
    const before = await sql<{ n: number }>`select count(*)::int as n from daily_totals`.execute(
      t.db,
    );
    const snapshot = await t.db
      .selectFrom('daily_totals')
      .selectAll()
      .where('user_id', '=', userId)
      .execute();
    await write((trx) =>
      trx
        .updateTable('transactions')
        .set({ payee: 'Renamed', notes: 'n' })
        .where('id', '=', id)
        .execute(),
    );
    expect(
      await t.db.selectFrom('daily_totals').selectAll().where('user_id', '=', userId).execute(),
    ).toEqual(snapshot);
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from daily_totals`.execute(t.db)).rows,
    ).toEqual(before.rows);
  });
});

describe('the checks at commit', () => {
  it('refuse split lines that do not add up, lines on an unsplit transaction, and a split without lines', async () => {
    await expect(
      write(async (trx) => {
        const { id } = await trx
          .insertInto('transactions')
          .values(purchase(-1_000, { split: true }))
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('transaction_lines')
          .values({
            user_id: userId,
            transaction_id: id,
            line_no: 1,
            category_id: null,
            amount_minor: -999,
            memo: null,
          })
          .execute();
      }),
    ).rejects.toThrow(/add up to -999/);
    await expect(
      write(async (trx) => {
        const { id } = await trx
          .insertInto('transactions')
          .values(purchase(-1_000))
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('transaction_lines')
          .values({
            user_id: userId,
            transaction_id: id,
            line_no: 1,
            category_id: null,
            amount_minor: -1_000,
            memo: null,
          })
          .execute();
      }),
    ).rejects.toThrow(/Only a split transaction/);
    await expect(
      write((trx) =>
        trx
          .insertInto('transactions')
          .values(purchase(-1_000, { split: true }))
          .execute(),
      ),
    ).rejects.toThrow(/needs lines/);
    await expect(
      write((trx) =>
        trx
          .insertInto('transactions')
          .values(purchase(-1_000, { split: true, category_id: categories.food }))
          .execute(),
      ),
    ).rejects.toThrow(/transactions_split_uncategorized/);
  });

  it('refuse a transfer that is not two opposite rows in two accounts on one date', async () => {
    const transfer = '20000000-0000-4000-8000-000000000002';
    const pairs = [
      [purchase(-500, { transfer_id: transfer })],
      [
        purchase(-500, { transfer_id: transfer }),
        purchase(400, { transfer_id: transfer, account_id: accounts[1] }),
      ],
      [purchase(-500, { transfer_id: transfer }), purchase(500, { transfer_id: transfer })],
      [
        purchase(-500, { transfer_id: transfer }),
        purchase(500, {
          transfer_id: transfer,
          account_id: accounts[1],
          occurred_on: '2025-03-11',
        }),
      ],
    ];
    for (const rows of pairs) {
      await expect(
        write((trx) => trx.insertInto('transactions').values(rows).execute()),
      ).rejects.toThrow(/A transfer is two rows/);
    }
    await write((trx) =>
      trx
        .insertInto('transactions')
        .values([
          purchase(-500, { transfer_id: transfer }),
          purchase(500, { transfer_id: transfer, account_id: accounts[1] }),
        ])
        .execute(),
    );
    await expect(
      write((trx) =>
        trx
          .deleteFrom('transactions')
          .where('transfer_id', '=', transfer)
          .where('amount_minor', '<', 0)
          .execute(),
      ),
    ).rejects.toThrow(/A transfer is two rows/);
    await write((trx) =>
      trx.deleteFrom('transactions').where('transfer_id', '=', transfer).execute(),
    );
  });

  it('refuse a third level of categories', async () => {
    await expect(
      write(async (trx) => {
        const group = await trx
          .insertInto('categories')
          .values({ user_id: userId, name: 'Group', kind: 'expense', color: '#000000' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('categories')
          .set({ parent_id: group.id })
          .where('id', '=', categories.food)
          .execute();
        await trx
          .updateTable('categories')
          .set({ parent_id: categories.food })
          .where('id', '=', categories.fun)
          .execute();
      }),
    ).rejects.toThrow(/two levels/);
  });
});
