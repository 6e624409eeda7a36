import type { BulkUpdateTransactionsInput, TransactionsChanged } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { loadReferences } from '../references.ts';
import { addressesById, rowsById } from '../rows-by-id.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

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
    // One pass over the rows (each found by key): how many there are, of which kinds, and the
    // categories they are in, for the checks below and for "from Dining to Groceries".
    const { rows: groups } = await sql<{
      categoryId: string | null;
      split: boolean;
      transfer: boolean;
      n: number;
    }>`
      select category_id as "categoryId", split, transfer_id is not null as transfer, count(*)::int as n
      from ${rowsById('transactions', user.id, wanted)} as t
      group by 1, 2, 3`.execute(trx);
    const count = (test: (group: (typeof groups)[number]) => boolean) =>
      groups.filter(test).reduce((sum, group) => sum + group.n, 0);
    const missing = wanted.length - count(() => true);
    if (missing > 0) {
      throw new DomainError(
        'NOT_FOUND',
        `${missing === 1 ? 'A transaction was' : `${missing} transactions were`} not found; nothing was changed`,
      );
    }
    const splits = count((group) => group.split);
    if (set.accountId !== undefined && count((group) => group.transfer) > 0) {
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
      // The categories the entries leave, largest first: split rows contribute their lines.
      const { rows: lines } =
        splits === 0
          ? { rows: [] }
          : await sql<{ categoryId: string | null; n: number }>`
              select category_id as "categoryId", count(*)::int as n from transaction_lines
              where user_id = ${user.id} and transaction_id = any(${wanted}::uuid[])
              group by 1`.execute(trx);
      const leaving = new Map<string | null, number>();
      for (const { categoryId, n } of [...groups.filter((group) => !group.split), ...lines]) {
        if (categoryId !== set.categoryId)
          leaving.set(categoryId, (leaving.get(categoryId) ?? 0) + n);
      }
      const names = await categoryNames(trx, user.id, [...leaving.keys()]);
      summary.fromCategories = [...leaving]
        .map(([id, n]) => ({
          name: id === null ? 'Uncategorized' : (names.get(id) ?? 'Uncategorized'),
          n,
        }))
        .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .slice(0, FROM_CATEGORIES_KEPT)
        .map((entry) => entry.name);
      summary.toCategory =
        set.categoryId === null ? 'Uncategorized' : categories.get(set.categoryId)!.name;
    }
    const account = set.accountId === undefined ? undefined : accounts.get(set.accountId)!;
    if (account) summary.toAccount = account.name;

    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
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
      .where(sql<boolean>`ctid = any(${addressesById('transactions', user.id, wanted)})`)
      .execute();
    if (set.categoryId !== undefined && splits > 0) {
      await trx
        .updateTable('transaction_lines')
        .set({ category_id: set.categoryId })
        .where('user_id', '=', user.id)
        .where(sql<boolean>`transaction_id = any(${wanted}::uuid[])`)
        .execute();
    }
    await finishWrites(trx);
    return {
      changeSetId,
      description,
      ids: wanted,
    };
  });
}

async function categoryNames(
  trx: Kysely<Database>,
  userId: string,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const present = ids.filter((id): id is string => id !== null);
  if (present.length === 0) return new Map();
  const rows = await trx
    .selectFrom('categories')
    .select(['id', 'name'])
    .where('user_id', '=', userId)
    .where('id', 'in', present)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
