import type { CategoryWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openArchiveChange } from '../archive-change.ts';
import { CATEGORY_COLUMNS, findCategory } from './category-rules.ts';

/** Hides a category from pickers; the rows that use it keep it and still count under it. */
export function archiveCategory(
  db: Kysely<Database>,
  { user, id }: { user: Writer; id: string },
): Promise<CategoryWritten> {
  return setArchived(db, user, id, true);
}

/** Shows an archived category in pickers again. */
export function unarchiveCategory(
  db: Kysely<Database>,
  { user, id }: { user: Writer; id: string },
): Promise<CategoryWritten> {
  return setArchived(db, user, id, false);
}

function setArchived(
  db: Kysely<Database>,
  user: Writer,
  id: string,
  archived: boolean,
): Promise<CategoryWritten> {
  return inTransaction(db, async (trx) => {
    const current = await findCategory(trx, user.id, id);
    const { changeSetId, description } = await openArchiveChange(trx, {
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
    return {
      changeSetId,
      description,
      category,
    };
  });
}
