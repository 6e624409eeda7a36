import type { TransactionFilter } from '@outlay/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, DEFAULT_CATEGORIES, type Harness, type TestUser } from '../../testing.ts';

// Property: for random data and random filters, every figure agrees with every other and with an
// independent model of the spend definition written here:
//   Σ overTime = summary.totalSpend = Σ byCategory = Σ spend of every row from walking all pages.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

const PAYEES = ['Fresh Market', 'Corner Cafe', 'City Rail', 'Book Nook', 'Salary Inc', 'Savings'];
const CATEGORY_NAMES = DEFAULT_CATEGORIES.map((c) => c.name);

const isoDate = fc
  .date({
    min: new Date('2023-12-25T00:00:00Z'),
    max: new Date('2025-03-10T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

const row = fc.record({
  occurredOn: isoDate,
  amount: fc.integer({ min: -250_000, max: 250_000 }).filter((n) => n !== 0),
  category: fc.option(fc.constantFrom(...CATEGORY_NAMES), { nil: null }),
  account: fc.constantFrom(0, 1),
  payee: fc.constantFrom(...PAYEES),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

/** Each filter field is present in about a third of the runs, so most filters match some rows. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary, weight: 1 });

const filterShape = fc.record({
  dates: sometimes(fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? [a, b] : [b, a]))),
  onlyFrom: sometimes(isoDate),
  categories: sometimes(fc.subarray(CATEGORY_NAMES)),
  includeUncategorized: sometimes(fc.boolean()),
  account: sometimes(fc.constantFrom(0, 1)),
  amounts: sometimes(
    fc
      .tuple(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 250_000 }))
      .map(([min, width]) => [min, min + width]),
  ),
  search: sometimes(fc.constantFrom('fresh', 'CAFE', 'rail', 'o', 'a', 'zzz')),
  kind: sometimes(fc.constantFrom('spend' as const, 'income' as const, 'all' as const)),
});

function toFilter(
  shape: typeof filterShape extends fc.Arbitrary<infer T> ? T : never,
  user: TestUser,
): TransactionFilter {
  const filter: TransactionFilter = {};
  if (shape.dates) [filter.from, filter.to] = shape.dates;
  else if (shape.onlyFrom) filter.from = shape.onlyFrom;
  if (shape.categories) filter.categoryIds = shape.categories.map((name) => user.categories[name]!);
  if (shape.includeUncategorized !== undefined)
    filter.includeUncategorized = shape.includeUncategorized;
  if (shape.account !== undefined) filter.accountIds = [user.accountIds[shape.account]!];
  if (shape.amounts) [filter.minAmount, filter.maxAmount] = shape.amounts;
  if (shape.search) filter.search = shape.search;
  if (shape.kind) filter.kind = shape.kind;
  return filter;
}

/** The spend definition of DESIGN §3, written again independently of the SQL. */
function modelSpend(rows: Row[], filter: TransactionFilter, user: TestUser) {
  const kindOf = (name: string | null) =>
    DEFAULT_CATEGORIES.find((c) => c.name === name)?.kind ?? null;
  const isSpend = (r: Row) =>
    kindOf(r.category) === 'expense' || (r.category === null && r.amount < 0);
  const isIncome = (r: Row) =>
    kindOf(r.category) === 'income' || (r.category === null && r.amount > 0);
  const matching = rows.filter((r) => {
    if (filter.from && r.occurredOn < filter.from) return false;
    if (filter.to && r.occurredOn > filter.to) return false;
    if (filter.categoryIds !== undefined || filter.includeUncategorized) {
      const ids = filter.categoryIds ?? [];
      const inCategory = r.category !== null && ids.includes(user.categories[r.category]!);
      if (!inCategory && !(filter.includeUncategorized && r.category === null)) return false;
    }
    if (filter.accountIds && !filter.accountIds.includes(user.accountIds[r.account]!)) return false;
    if (filter.minAmount !== undefined && Math.abs(r.amount) < filter.minAmount) return false;
    if (filter.maxAmount !== undefined && Math.abs(r.amount) > filter.maxAmount) return false;
    if (filter.search && !r.payee.toLowerCase().includes(filter.search.toLowerCase())) return false;
    if (filter.kind === 'spend' && !isSpend(r)) return false;
    if (filter.kind === 'income' && !isIncome(r)) return false;
    return true;
  });
  return {
    count: matching.length,
    spend: matching.filter(isSpend).reduce((sum, r) => sum - r.amount, 0),
    income: matching.filter(isIncome).reduce((sum, r) => sum + r.amount, 0),
  };
}

it('agrees across summary, overTime, byCategory, every page of the list, and the model', async () => {
  let runsWithSpend = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(row, { minLength: 1, maxLength: 60 }),
      filterShape,
      fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'auto' as const),
      fc.integer({ min: 1, max: 25 }),
      fc.constantFrom('date' as const, 'amount' as const),
      fc.constantFrom('asc' as const, 'desc' as const),
      fc.array(fc.tuple(fc.nat(), fc.option(row, { nil: null })), { maxLength: 6 }),
      async (inserted, shape, granularity, limit, field, direction, edits) => {
        const user = await h.createUser();
        const toColumns = (r: Row) => ({
          occurred_on: r.occurredOn,
          amount_minor: r.amount,
          category_id: r.category === null ? null : user.categories[r.category]!,
          account_id: user.accountIds[r.account]!,
          payee: r.payee,
        });
        const ids = await h.insertTransactions(user, inserted.map(toColumns));
        const api = await h.callerFor(user);
        const filter = toFilter(shape, user);
        // Asked once before the edits, so the answers after them must not come from a stale
        // cache entry (the harness keeps one, as production does).
        await api.metrics.summary({ filter });
        await api.metrics.overTime({ filter, granularity });
        await api.metrics.byCategory({ filter });
        // Edit and delete some rows afterwards, so the per-day totals must follow updates and
        // deletes too (each edit replaces row i, or deletes it when the new row is null).
        const rows = [...inserted];
        const live = ids.map(() => true);
        for (const [at, replacement] of edits) {
          const index = at % ids.length;
          if (!live[index]) continue;
          if (replacement) {
            await h.write(user, (db) =>
              db
                .updateTable('transactions')
                .where('id', '=', ids[index]!)
                .set(toColumns(replacement))
                .execute(),
            );
            rows[index] = replacement;
          } else {
            await h.write(user, (db) =>
              db.deleteFrom('transactions').where('id', '=', ids[index]!).execute(),
            );
            live[index] = false;
          }
        }
        const current = rows.filter((_, index) => live[index]);
        const model = modelSpend(current, filter, user);

        const summary = await api.metrics.summary({ filter });
        const overTime = await api.metrics.overTime({ filter, granularity });
        const byCategory = await api.metrics.byCategory({ filter });

        const seen = new Set<string>();
        let listSpend = 0;
        let cursor: string | null = null;
        do {
          const page = await api.transactions.list({
            filter,
            limit,
            cursor,
            sort: { field, direction },
          });
          for (const item of page.items) {
            expect(seen.has(item.id)).toBe(false);
            seen.add(item.id);
            listSpend += item.spendMinor;
          }
          cursor = page.nextCursor;
        } while (cursor !== null);

        if (model.spend !== 0) runsWithSpend += 1;
        expect(summary.totalSpend).toBe(model.spend);
        // The per-day totals and the transactions give identical answers: `minAmount: 0` matches
        // every row but can only be answered from the transactions.
        if (filter.minAmount === undefined) {
          expect(await api.metrics.summary({ filter: { ...filter, minAmount: 0 } })).toEqual(
            summary,
          );
          expect(
            await api.metrics.overTime({ filter: { ...filter, minAmount: 0 }, granularity }),
          ).toEqual(overTime);
        }
        expect(summary.totalIncome).toBe(model.income);
        expect(summary.transactionCount).toBe(model.count);
        expect(overTime.buckets.reduce((sum, b) => sum + b.spendMinor, 0)).toBe(model.spend);
        expect(byCategory.categories.reduce((sum, c) => sum + c.spendMinor, 0)).toBe(model.spend);
        expect(byCategory.totalSpend).toBe(model.spend);
        expect(listSpend).toBe(model.spend);
        expect(seen.size).toBe(model.count);
        // Buckets are contiguous, ascending and inside the summary's range.
        for (const [index, bucket] of overTime.buckets.entries()) {
          if (index > 0) expect(bucket.from > overTime.buckets[index - 1]!.to).toBe(true);
          expect(bucket.from >= (summary.rangeFrom ?? '')).toBe(true);
        }
      },
    ),
    { numRuns: 50 },
  );
  // Guards the generators: most runs must exercise non-zero spend, or the property proves little.
  expect(runsWithSpend).toBeGreaterThanOrEqual(8);
});
