import { MAX_CATEGORIES, type Category } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';

export async function listCategories(
  db: Kysely<Database>,
  { user }: { user: { id: string } },
): Promise<Category[]> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'name', 'kind', 'color', 'parent_id as parentId', 'archived'])
    .where('user_id', '=', user.id)
    // The database holds no more than this per user; the limit keeps the answer's bound visible.
    .limit(MAX_CATEGORIES)
    .execute();
  return rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'en'));
}
