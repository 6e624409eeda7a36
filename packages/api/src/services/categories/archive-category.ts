import type { CategoryWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openArchiveChange } from '../archive-change.ts';
import { CATEGORY_COLUMNS, findCategory } from './category-rules.ts';

/**
 * Archives a category (hidden from pickers; the rows that use it keep it and still count under
 * it) or brings it back.
 */
export function setCategoryArchived(
  db: Kysely<Database>,
  { user, id, archived }: { user: Writer; id: string; archived: boolean },
): Promise<CategoryWritten> {
  return inTransaction(db, async (trx) => {
    const current = await findCategory(trx, user.id, id);
    const change = await openArchiveChange(trx, {
      user,
      table: 'categories',
      current,
      archived,
    });
    const category = await trx
      .updateTable('categories')
      .set({ archived })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .returning(CATEGORY_COLUMNS)
      .executeTakeFirstOrThrow();
    return { ...change, category };
  });
}
