import {
  DEFAULT_CATEGORY_COLOR,
  type CategoryWritten,
  type CreateCategoryInput,
} from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { assertCategoryPlace, CATEGORY_COLUMNS } from './category-rules.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

export async function createCategory(
  db: Kysely<Database>,
  { user, name, kind, color, parentId }: { user: Writer } & CreateCategoryInput,
): Promise<CategoryWritten> {
  return inTransaction(db, async (trx) => {
    const { groupName } = await assertCategoryPlace(trx, user.id, {
      name,
      parentId: parentId ?? null,
    });
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'categories.create',
      summary: { name, group: groupName },
    });
    const category = await trx
      .insertInto('categories')
      .values({
        user_id: user.id,
        name,
        kind,
        color: color ?? DEFAULT_CATEGORY_COLOR,
        parent_id: parentId ?? null,
      })
      .returning(CATEGORY_COLUMNS)
      .executeTakeFirstOrThrow();
    await finishWrites(trx);
    return { ...change, category };
  });
}
