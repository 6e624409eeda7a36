import type { CategoryDeleted } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { findCategory } from './category-rules.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

/**
 * Deletes a category nothing uses. One in use is refused with CONFLICT saying how many rows use
 * it: merge it into another (which moves them) or archive it (which keeps them).
 */
export async function deleteCategory(
  db: Kysely<Database>,
  { user, id }: { user: Writer; id: string },
): Promise<CategoryDeleted> {
  return inTransaction(db, async (trx) => {
    const category = await findCategory(trx, user.id, id);
    const { rows } = await sql<{
      transactions: number;
      lines: number;
      children: number;
      budgets: number;
      recurring: number;
    }>`
      select
        (select count(*) from transactions where user_id = ${user.id} and category_id = ${id})::int as transactions,
        (select count(*) from transaction_lines where user_id = ${user.id} and category_id = ${id})::int as lines,
        (select count(*) from categories where user_id = ${user.id} and parent_id = ${id})::int as children,
        (select count(*) from budgets where user_id = ${user.id}
          and (category_id = ${id} or group_id = ${id}))::int as budgets,
        (select count(*) from recurring_items where user_id = ${user.id}
          and category_id = ${id})::int as recurring`.execute(trx);
    const use = rows[0]!;
    const uses = [
      use.transactions > 0 ? plural(use.transactions, 'transaction') : null,
      use.lines > 0 ? plural(use.lines, 'split line') : null,
      use.children > 0 ? plural(use.children, 'category', 'categories') : null,
      use.budgets > 0 ? plural(use.budgets, 'budget') : null,
      use.recurring > 0 ? plural(use.recurring, 'recurring item') : null,
    ].filter((part): part is string => part !== null);
    if (uses.length > 0) {
      throw new DomainError(
        'CONFLICT',
        `'${category.name}' is used by ${uses.join(' and ')}: merge it into another category or archive it`,
      );
    }
    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      action: 'categories.delete',
      summary: { name: category.name },
    });
    await trx
      .deleteFrom('categories')
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    return {
      changeSetId,
      description,
      id,
    };
  });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
