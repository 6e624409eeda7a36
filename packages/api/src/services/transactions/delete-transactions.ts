import type { TransactionsChanged } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { addressesById, rowsById } from '../rows-by-id.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

/**
 * Deletes transactions, their lines, and the other row of every transfer among them (a transfer
 * is deleted whole). Every id must be the caller's, or nothing is deleted (NOT_FOUND).
 */
export async function deleteTransactions(
  db: Kysely<Database>,
  { user, ids }: { user: Writer; ids: readonly string[] },
): Promise<TransactionsChanged> {
  const wanted = [...new Set(ids)];
  return inTransaction(db, async (trx) => {
    const { rows } = await sql<{
      id: string;
      transfer_id: string | null;
      split: boolean;
      payee: string | null;
      description: string | null;
      occurred_on: string;
      amount_minor: number;
      currency: string;
    }>`select id, transfer_id, split, payee, description, occurred_on, amount_minor, currency
      from ${rowsById('transactions', user.id, wanted)} as t`.execute(trx);
    if (rows.length < wanted.length) {
      const missing = wanted.length - rows.length;
      throw new DomainError(
        'NOT_FOUND',
        `${missing === 1 ? 'A transaction was' : `${missing} transactions were`} not found; nothing was deleted`,
      );
    }
    const transferIds = rows.flatMap((row) => (row.transfer_id ? [row.transfer_id] : []));
    const partners =
      transferIds.length === 0
        ? []
        : await trx
            .selectFrom('transactions')
            .select(['id', 'split'])
            .where('user_id', '=', user.id)
            .where(sql<boolean>`transfer_id = any(${transferIds}::uuid[])`)
            .where(sql<boolean>`id <> all(${wanted}::uuid[])`)
            .execute();
    const all = [...wanted, ...partners.map((p) => p.id)];
    const first = rows[0]!;
    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      action: 'transactions.delete',
      summary: {
        count: all.length,
        transaction: {
          payee: first.payee,
          description: first.description,
          occurredOn: first.occurred_on,
          amountMinor: first.amount_minor,
          currency: first.currency.trim(),
        },
      },
    });
    if (rows.some((row) => row.split)) {
      await trx
        .deleteFrom('transaction_lines')
        .where('user_id', '=', user.id)
        .where(sql<boolean>`transaction_id = any(${all}::uuid[])`)
        .execute();
    }
    // A due item these paid is unpaid again: the payment is gone (undo restores both).
    await trx
      .updateTable('due_items')
      .set({ status: 'upcoming', transaction_id: null })
      .where('user_id', '=', user.id)
      .where(sql<boolean>`transaction_id = any(${all}::uuid[])`)
      .execute();
    await trx
      .deleteFrom('transactions')
      .where('user_id', '=', user.id)
      .where(sql<boolean>`ctid = any(${addressesById('transactions', user.id, all)})`)
      .execute();
    await finishWrites(trx);
    return {
      changeSetId,
      description,
      ids: all,
    };
  });
}
