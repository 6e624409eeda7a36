import type { ByCategory, TransactionFilter } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { categoryBreakdown, toCategorySpend } from './category-breakdown.ts';

export async function spendByCategory(
  db: Kysely<Database>,
  { user, filter }: { user: { id: string; homeCurrency: string }; filter: TransactionFilter },
): Promise<ByCategory> {
  const { totalSpend, categories } = toCategorySpend(await categoryBreakdown(db, user.id, filter));
  return { currency: user.homeCurrency, totalSpend, categories };
}
