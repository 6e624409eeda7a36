import type { ByCategory, ByCategoryInput } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { categoryBreakdown, toCategorySpend } from './category-breakdown.ts';

export async function spendByCategory(
  db: Kysely<Database>,
  {
    user,
    filter,
    groupBy = 'category',
  }: { user: { id: string; homeCurrency: string } } & Pick<ByCategoryInput, 'filter'> &
    Partial<Pick<ByCategoryInput, 'groupBy'>>,
): Promise<ByCategory> {
  const { totalSpend, categories } = toCategorySpend(
    await categoryBreakdown(db, user.id, filter, groupBy),
  );
  return { currency: user.homeCurrency, totalSpend, categories };
}
