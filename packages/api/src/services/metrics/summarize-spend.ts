import { divideRoundHalfUp, type MetricsSummary, type TransactionFilter } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { monthsTouched } from './calendar.ts';
import { categorySpend } from './spend-by-category.ts';
import { incomeValue, isSpend, matchingTransactions, sumSpend } from './spend.ts';

const TOP_CATEGORIES = 5;

/** The figures of the metric cards (DESIGN §3), for one user and one filter. */
export async function summarizeSpend(
  db: Kysely<Database>,
  user: { id: string; homeCurrency: string },
  filter: TransactionFilter,
): Promise<MetricsSummary> {
  const [totals, byCategory] = await Promise.all([
    matchingTransactions(db, user.id, filter)
      .select([
        sumSpend.as('totalSpend'),
        sql<number>`coalesce(sum(${incomeValue}), 0)::bigint`.as('totalIncome'),
        sql<number>`count(*) filter (where ${isSpend} and t.amount_minor < 0)`.as('purchaseCount'),
        sql<number>`count(*)`.as('transactionCount'),
        sql<string | null>`min(t.occurred_on) filter (where ${isSpend})`.as('firstSpendOn'),
        sql<string | null>`max(t.occurred_on) filter (where ${isSpend})`.as('lastSpendOn'),
      ])
      .executeTakeFirstOrThrow(),
    categorySpend(db, user.id, filter),
  ]);

  const range = spendRange(filter, totals.firstSpendOn, totals.lastSpendOn);
  const months = range ? monthsTouched(range.from, range.to) : 0;

  return {
    currency: user.homeCurrency,
    totalSpend: totals.totalSpend,
    totalIncome: totals.totalIncome,
    net: totals.totalIncome - totals.totalSpend,
    purchaseCount: totals.purchaseCount,
    transactionCount: totals.transactionCount,
    averageTransaction: divideRoundHalfUp(totals.totalSpend, totals.purchaseCount),
    averageMonthlySpend: divideRoundHalfUp(totals.totalSpend, months),
    months,
    rangeFrom: range?.from ?? null,
    rangeTo: range?.to ?? null,
    topCategories: byCategory.categories
      .filter((category) => category.spendMinor > 0)
      .slice(0, TOP_CATEGORIES),
  };
}

/**
 * The dates the figures cover: the filter's range, with a missing end taken from the first or
 * last spend date. Null when neither the filter nor the data gives a range.
 */
export function spendRange(
  filter: Pick<TransactionFilter, 'from' | 'to'>,
  firstSpendOn: string | null,
  lastSpendOn: string | null,
): { from: string; to: string } | null {
  const from = filter.from ?? firstSpendOn;
  const to = filter.to ?? lastSpendOn;
  if (from === null || to === null || from > to) return null;
  return { from, to };
}

/** First and last spend dates for a filter (the range used when the filter gives none). */
export async function spendDateBounds(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
) {
  return matchingTransactions(db, userId, filter)
    .where(isSpend)
    .select([
      sql<string | null>`min(t.occurred_on)`.as('firstSpendOn'),
      sql<string | null>`max(t.occurred_on)`.as('lastSpendOn'),
    ])
    .executeTakeFirstOrThrow();
}
