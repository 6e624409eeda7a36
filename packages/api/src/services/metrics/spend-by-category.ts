import type { ByCategory, CategorySpend, TransactionFilter } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { isSpend, matchingTransactions, sumSpend } from './spend.ts';

export const UNCATEGORIZED_NAME = 'Uncategorized';
export const UNCATEGORIZED_COLOR = '#8a94a6';

/**
 * Spend per category, one row per category with spend rows ("Uncategorized" is its own row),
 * largest first, ties by name. Σ rows = total spend for the same filter.
 */
export async function categorySpend(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
): Promise<{ totalSpend: number; categories: CategorySpend[] }> {
  const rows = await matchingTransactions(db, userId, filter)
    .where(isSpend)
    .select([
      't.category_id as categoryId',
      'c.name as name',
      'c.color as color',
      sumSpend.as('spendMinor'),
      sql<number>`count(*)`.as('transactionCount'),
    ])
    .groupBy(['t.category_id', 'c.name', 'c.color'])
    .execute();

  const totalSpend = rows.reduce((sum, row) => sum + row.spendMinor, 0);
  const categories = rows
    .map((row) => ({
      categoryId: row.categoryId,
      name: row.name ?? UNCATEGORIZED_NAME,
      color: row.color ?? UNCATEGORIZED_COLOR,
      spendMinor: row.spendMinor,
      transactionCount: row.transactionCount,
      share: totalSpend > 0 ? row.spendMinor / totalSpend : 0,
    }))
    // Sorted here rather than in SQL so the order is the same whatever the server's collation.
    .sort((a, b) => b.spendMinor - a.spendMinor || compareText(a.name, b.name));
  return { totalSpend, categories };
}

export async function spendByCategory(
  db: Kysely<Database>,
  user: { id: string; homeCurrency: string },
  filter: TransactionFilter,
): Promise<ByCategory> {
  const { totalSpend, categories } = await categorySpend(db, user.id, filter);
  return { currency: user.homeCurrency, totalSpend, categories };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
