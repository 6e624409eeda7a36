import type { CategoriesMerged, MergeCategoriesInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { findCategory } from './category-rules.ts';
import { describeSummary, openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { hasUserRow } from '../has-user-row.ts';

/**
 * Moves every transaction, split line and budget of `from` to `into` and deletes `from`, as one change
 * set (so one undo brings `from` back with all its rows). A group must be emptied first.
 */
export async function mergeCategories(
  db: Kysely<Database>,
  { user, from, into }: { user: Writer } & MergeCategoriesInput,
): Promise<CategoriesMerged> {
  return inTransaction(db, async (trx) => {
    const source = await findCategory(trx, user.id, from);
    const target = await findCategory(trx, user.id, into);
    const holdsOthers = await hasUserRow(trx, 'categories', { user_id: user.id, parent_id: from });
    if (holdsOthers) {
      throw new DomainError(
        'BAD_INPUT',
        `'${source.name}' is a group: move or merge its categories first`,
      );
    }
    const { changeSetId } = await openDescribedChangeSet(trx, {
      user,
      action: 'categories.merge',
      summary: { from: source.name, into: target.name },
    });
    const transactions = await trx
      .updateTable('transactions')
      .set({ category_id: into })
      .where('user_id', '=', user.id)
      .where('category_id', '=', from)
      .executeTakeFirst();
    const lines = await trx
      .updateTable('transaction_lines')
      .set({ category_id: into })
      .where('user_id', '=', user.id)
      .where('category_id', '=', from)
      .executeTakeFirst();
    // Budgets follow their category: a budget of `from` (or of `from` as a group) becomes one of
    // `into`, so no budget is lost and its history continues under the merged category.
    const budgetsMoved = await sql`
      update budgets set
        category_id = case when category_id = ${from} then ${into}::uuid else category_id end,
        group_id = case when group_id = ${from} then ${into}::uuid else group_id end
      where user_id = ${user.id} and (category_id = ${from} or group_id = ${from})`.execute(trx);
    // Recurring items follow too, so the merged category leaves nothing pointing at it.
    await trx
      .updateTable('recurring_items')
      .set({ category_id: into })
      .where('user_id', '=', user.id)
      .where('category_id', '=', from)
      .execute();
    await trx
      .deleteFrom('categories')
      .where('user_id', '=', user.id)
      .where('id', '=', from)
      .execute();
    const moved = {
      transactions: Number(transactions.numUpdatedRows),
      lines: Number(lines.numUpdatedRows),
      budgets: Number(budgetsMoved.numAffectedRows ?? 0),
    };
    const summary = { from: source.name, into: target.name, ...moved };
    await trx
      .updateTable('change_sets')
      .set({ summary: JSON.stringify(summary) })
      .where('user_id', '=', user.id)
      .where('id', '=', changeSetId)
      .execute();
    await finishWrites(trx);
    return {
      changeSetId,
      description: describeSummary('categories.merge', summary),
      into: target,
      moved,
    };
  });
}
