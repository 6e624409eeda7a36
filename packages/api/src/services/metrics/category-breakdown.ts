import type { CategoryGrouping, CategorySpend, TransactionFilter } from '@outlay/contracts';
import { joinRow, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { countRows, metricsSource, sourceSpend } from './spend.ts';

const UNCATEGORIZED_NAME = 'Uncategorized';
const UNCATEGORIZED_COLOR = '#8a94a6';

export interface CategoryMeasures {
  categoryId: string | null;
  name: string;
  color: string;
  spendMinor: number;
  incomeMinor: number;
  spendRows: number;
  purchases: number;
  rows: number;
}

/**
 * Every measure the cards and charts need, per category, in one grouped pass over the metrics
 * source. The totals of a summary are sums of these rows, so they agree with `byCategory` by
 * construction. The query is returned unrun so a caller can add columns to the same round trip.
 */
export function categoryMeasuresQuery(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
  groupBy: CategoryGrouping = 'category',
) {
  const { isSpend, isPurchase, sumSpend, sumIncome } = sourceSpend;
  // By group, a category in a group counts under the group (its kind still decides spend); a
  // category outside any group, or a group used directly, counts under itself.
  const [id, name, color] =
    groupBy === 'group'
      ? [
          sql`coalesce(g.id, t.category_id)`,
          sql`coalesce(g.name, c.name)`,
          sql`coalesce(g.color, c.color)`,
        ]
      : [sql`t.category_id`, sql`c.name`, sql`c.color`];
  return metricsSource(db, userId, filter)
    .$if(groupBy === 'group', (q) => q.leftJoin('categories as g', joinRow('g', 'c.parent_id')))
    .select([
      sql<string | null>`${id}`.as('categoryId'),
      sql<string | null>`${name}`.as('name'),
      sql<string | null>`${color}`.as('color'),
      sumSpend.as('spendMinor'),
      sumIncome.as('incomeMinor'),
      countRows(isSpend).as('spendRows'),
      countRows(isPurchase).as('purchases'),
      countRows().as('rows'),
    ])
    .groupBy([id, name, color]);
}

/** Names and colours for the rows of `categoryMeasuresQuery`, "Uncategorized" included. */
export function toCategoryMeasures<R extends Omit<CategoryMeasures, 'name' | 'color'>>(
  row: R & { name: string | null; color: string | null },
): R & CategoryMeasures {
  return {
    ...row,
    name: row.name ?? UNCATEGORIZED_NAME,
    color: row.color ?? UNCATEGORIZED_COLOR,
  };
}

export async function categoryBreakdown(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
  groupBy: CategoryGrouping = 'category',
): Promise<CategoryMeasures[]> {
  const rows = await categoryMeasuresQuery(db, userId, filter, groupBy).execute();
  return rows.map(toCategoryMeasures);
}

/**
 * Spend per category: one row per category with spend rows ("Uncategorized" is its own row),
 * largest first, ties by name. Σ rows = total spend for the same filter.
 */
export function toCategorySpend(measures: CategoryMeasures[]): {
  totalSpend: number;
  categories: CategorySpend[];
} {
  const withSpend = measures.filter((m) => m.spendRows > 0);
  const totalSpend = withSpend.reduce((sum, m) => sum + m.spendMinor, 0);
  const categories = withSpend
    .map((m) => ({
      categoryId: m.categoryId,
      name: m.name,
      color: m.color,
      spendMinor: m.spendMinor,
      transactionCount: m.spendRows,
      share: totalSpend > 0 ? m.spendMinor / totalSpend : 0,
    }))
    // Sorted here rather than in SQL so the order is the same whatever the server's collation.
    .sort((a, b) => b.spendMinor - a.spendMinor || compareText(a.name, b.name));
  return { totalSpend, categories };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
