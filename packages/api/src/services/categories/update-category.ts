import type { CategoryWritten, UpdateCategoryInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { fieldsOf } from '../history/describe.ts';
import { assertCategoryPlace, CATEGORY_COLUMNS, findCategory } from './category-rules.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

/** Renames, recolours, changes the kind of, or moves a category into or out of a group. */
export async function updateCategory(
  db: Kysely<Database>,
  { user, id, patch }: { user: Writer } & UpdateCategoryInput,
): Promise<CategoryWritten> {
  return inTransaction(db, async (trx) => {
    const current = await findCategory(trx, user.id, id);
    if (patch.name !== undefined || patch.parentId !== undefined) {
      await assertCategoryPlace(trx, user.id, {
        id,
        name: patch.name ?? current.name,
        parentId: patch.parentId === undefined ? current.parentId : patch.parentId,
      });
    }
    const fields = fieldsOf(patch);
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'categories.update',
      summary: {
        name: current.name,
        fields,
        ...(fields.length === 1 && patch.name !== undefined ? { renamedTo: patch.name } : {}),
      },
    });
    const category = await trx
      .updateTable('categories')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.color !== undefined ? { color: patch.color } : {}),
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .returning(CATEGORY_COLUMNS)
      .executeTakeFirstOrThrow();
    await finishWrites(trx);
    return { ...change, category };
  });
}
