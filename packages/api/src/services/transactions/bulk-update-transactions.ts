import type { BulkUpdateTransactionsInput, TransactionsChanged } from '@outlay/contracts';
import { inTransaction, openChangeSet, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import { actorOf, type Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { loadReferences } from '../references.ts';

/** Names of the previous categories a summary keeps (the description says "from N categories" beyond one). */
const FROM_CATEGORIES_KEPT = 5;

/**
 * Sets the same fields on many transactions in one statement (one change set, however many
 * rows). A new category applies to every line of a split transaction. Transfers keep their
 * accounts: moving one is refused, since a transfer's account is half of what it is.
 */
export async function bulkUpdateTransactions(
  db: Kysely<Database>,
  { user, ids, set }: { user: Writer } & BulkUpdateTransactionsInput,
): Promise<TransactionsChanged> {
  const wanted = [...new Set(ids)];
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{ found: number; transfers: number; splits: number }>`
      select count(*)::int as found,
        (count(*) filter (where transfer_id is not null))::int as transfers,
        (count(*) filter (where split))::int as splits
      from transactions where user_id = ${user.id} and id = any(${wanted}::uuid[])`.execute(trx);
    const found = rows[0] ?? { found: 0, transfers: 0, splits: 0 };
    if (found.found < wanted.length) {
      const missing = wanted.length - found.found;
      throw new DomainError(
        'NOT_FOUND',
        `${missing === 1 ? 'A transaction was' : `${missing} transactions were`} not found; nothing was changed`,
      );
    }
    if (set.accountId !== undefined && found.transfers > 0) {
      throw new DomainError(
        'BAD_INPUT',
        'Transfers keep their accounts: leave them out of a move, or edit each transfer on its own',
      );
    }
    const { accounts, categories } = await loadReferences(trx, user.id, {
      accountIds: [set.accountId],
      categoryIds: [set.categoryId],
    });

    const summary: Record<string, unknown> = { count: wanted.length, set };
    if (set.categoryId !== undefined) {
      // The categories the rows leave, largest first, for "from Dining to Groceries".
      const { rows: from } = await sql<{ name: string | null }>`
        select c.name from (
          select category_id from transactions
          where user_id = ${user.id} and id = any(${wanted}::uuid[]) and not split
          union all
          select category_id from transaction_lines
          where user_id = ${user.id} and transaction_id = any(${wanted}::uuid[])
        ) e
        left join categories c on c.user_id = ${user.id} and c.id = e.category_id
        where e.category_id is distinct from ${set.categoryId}::uuid
        group by c.name order by count(*) desc, c.name limit ${FROM_CATEGORIES_KEPT}`.execute(trx);
      summary.fromCategories = from.map((row) => row.name ?? 'Uncategorized');
      summary.toCategory =
        set.categoryId === null ? 'Uncategorized' : categories.get(set.categoryId)!.name;
    }
    const account = set.accountId === undefined ? undefined : accounts.get(set.accountId)!;
    if (account) summary.toAccount = account.name;

    const changeSetId = await openChangeSet(trx, {
      user,
      actor: actorOf(user),
      action: 'transactions.bulkUpdate',
      summary,
    });
    await trx
      .updateTable('transactions')
      .set({
        ...(account ? { account_id: account.id, currency: account.currency } : {}),
        ...(set.payee !== undefined ? { payee: set.payee } : {}),
        ...(set.notes !== undefined ? { notes: set.notes } : {}),
        // A split transaction's category stays null: its lines take the new one below.
        ...(set.categoryId !== undefined
          ? {
              category_id: sql<
                string | null
              >`case when split then null else ${set.categoryId}::uuid end`,
            }
          : {}),
        updated_at: sql`now()`,
      })
      .where('user_id', '=', user.id)
      .where(sql<boolean>`id = any(${wanted}::uuid[])`)
      .execute();
    if (set.categoryId !== undefined && found.splits > 0) {
      await trx
        .updateTable('transaction_lines')
        .set({ category_id: set.categoryId })
        .where('user_id', '=', user.id)
        .where(sql<boolean>`transaction_id = any(${wanted}::uuid[])`)
        .execute();
    }
    await finishWrites(trx);
    return { changeSetId, ids: wanted };
  });
}
