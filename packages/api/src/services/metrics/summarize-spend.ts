import {
  divideRoundHalfUp,
  monthsTouched,
  type MetricsSummary,
  type TransactionFilter,
} from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import {
  categoryMeasuresQuery,
  toCategoryMeasures,
  toCategorySpend,
} from './category-breakdown.ts';
import { metricsSource, sourceSpend } from './spend.ts';

const TOP_CATEGORIES = 5;

/**
 * The figures of the metric cards (DESIGN §3), for one user and one filter, in one query: the
 * per-category measures, with the first and last spend dates alongside when the range is open.
 */
export async function summarizeSpend(
  db: Kysely<Database>,
  { user, filter }: { user: { id: string; homeCurrency: string }; filter: TransactionFilter },
): Promise<MetricsSummary> {
  // The first and last spend dates matter only for an open-ended range.
  const openRange = filter.from === undefined || filter.to === undefined;
  const edge = (direction: 'asc' | 'desc') =>
    openRange
      ? sql<string | null>`(${spendDateEdge(db, user.id, filter, direction)})`
      : sql<null>`null`;
  const rows = await categoryMeasuresQuery(db, user.id, filter)
    .select([edge('asc').as('firstSpendOn'), edge('desc').as('lastSpendOn')])
    .execute();
  const measures = rows.map(toCategoryMeasures);
  const { totalSpend, categories } = toCategorySpend(measures);
  const sum = (pick: (m: (typeof measures)[number]) => number) =>
    measures.reduce((total, m) => total + pick(m), 0);
  const bounds = rows[0] ?? { firstSpendOn: null, lastSpendOn: null };

  const totalIncome = sum((m) => m.incomeMinor);
  const purchaseCount = sum((m) => m.purchases);
  const range = spendRange(filter, bounds.firstSpendOn, bounds.lastSpendOn);
  const months = range ? monthsTouched(range.from, range.to) : 0;

  return {
    currency: user.homeCurrency,
    totalSpend,
    totalIncome,
    net: totalIncome - totalSpend,
    purchaseCount,
    transactionCount: sum((m) => m.rows),
    averageTransaction: divideRoundHalfUp(totalSpend, purchaseCount),
    averageMonthlySpend: divideRoundHalfUp(totalSpend, months),
    months,
    rangeFrom: range?.from ?? null,
    rangeTo: range?.to ?? null,
    topCategories: categories.filter((c) => c.spendMinor > 0).slice(0, TOP_CATEGORIES),
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

/**
 * The first or last spend date for a filter (the range used when the filter gives none): an
 * index-ordered look-up that stops at the first spend row, at day resolution.
 */
function spendDateEdge(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
  direction: 'asc' | 'desc',
) {
  return metricsSource(db, userId, filter, 'day')
    .where(sourceSpend.isSpend)
    .select(sql<string>`t.occurred_on`.as('day'))
    .orderBy(sql`t.occurred_on`, direction)
    .limit(1);
}

/** First and last spend dates for a filter, in one round trip. */
export async function spendDateBounds(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
): Promise<{ firstSpendOn: string | null; lastSpendOn: string | null }> {
  return db
    .selectNoFrom([
      spendDateEdge(db, userId, filter, 'asc').as('firstSpendOn'),
      spendDateEdge(db, userId, filter, 'desc').as('lastSpendOn'),
    ])
    .executeTakeFirstOrThrow();
}
