import type { TransactionPatch, TransactionsWritten } from '@outlay/contracts';
import { inTransaction, type Database, type TransactionUpdate } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { fieldsOf } from '../history/describe.ts';
import { loadReferences } from '../references.ts';
import { insertLines } from './create-transaction.ts';
import type { SplitLineInput } from '@outlay/contracts';
import { transactionDetails } from './transaction-details.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

/**
 * Changes one transaction. `splits` replaces its lines (null makes it whole again, uncategorized
 * unless `categoryId` is given). On a transfer, a new date or amount is mirrored onto the other
 * row (which keeps the opposite amount); text, category and account stay per row, and a transfer
 * cannot be split or moved into the other row's account.
 */
export async function updateTransaction(
  db: Kysely<Database>,
  { user, id, patch }: { user: Writer; id: string; patch: TransactionPatch },
): Promise<TransactionsWritten> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('transactions')
      .selectAll()
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new DomainError('NOT_FOUND', 'Transaction not found');
    const partner = row.transfer_id
      ? await trx
          .selectFrom('transactions')
          .select(['id', 'account_id', 'currency'])
          .where('user_id', '=', user.id)
          .where('transfer_id', '=', row.transfer_id)
          .where('id', '<>', id)
          .executeTakeFirstOrThrow()
      : undefined;
    const { accounts } = await loadReferences(trx, user.id, {
      accountIds: [patch.accountId],
      categoryIds: [patch.categoryId, ...(patch.splits ?? []).map((line) => line.categoryId)],
    });
    const newAccount = patch.accountId === undefined ? undefined : accounts.get(patch.accountId)!;

    if (partner) {
      if (patch.splits) throw new DomainError('BAD_INPUT', 'A transfer cannot be split');
      if (newAccount && newAccount.id === partner.account_id) {
        throw new DomainError('BAD_INPUT', 'A transfer moves money between two different accounts');
      }
      if (newAccount && newAccount.currency !== partner.currency.trim()) {
        throw new DomainError('BAD_INPUT', 'Both accounts of a transfer must use one currency');
      }
    }
    const split = patch.splits === undefined ? row.split : patch.splits !== null;
    if (split && patch.categoryId) {
      throw new DomainError(
        'BAD_INPUT',
        'A split transaction has no category of its own: give each line one, or set splits to null to make it whole',
      );
    }
    const amount = patch.amountMinor ?? row.amount_minor;
    if (split && patch.splits === undefined && amount !== row.amount_minor) {
      throw new DomainError(
        'BAD_INPUT',
        'The lines of this split add up to its current amount: send new lines with the new amount',
      );
    }
    if (patch.splits && patch.splits.reduce((sum, line) => sum + line.amountMinor, 0) !== amount) {
      throw new DomainError('BAD_INPUT', 'The lines must add up to the amount');
    }

    const changes: TransactionUpdate = {};
    if (newAccount) {
      changes.account_id = newAccount.id;
      changes.currency = newAccount.currency;
    }
    if (patch.occurredOn !== undefined) changes.occurred_on = patch.occurredOn;
    if (patch.amountMinor !== undefined) changes.amount_minor = patch.amountMinor;
    if (patch.payee !== undefined) changes.payee = patch.payee;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.notes !== undefined) changes.notes = patch.notes;
    if (patch.categoryId !== undefined) changes.category_id = patch.categoryId;
    if (patch.splits !== undefined) {
      changes.split = split;
      if (split || patch.categoryId === undefined) changes.category_id = null;
    }

    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      action: 'transactions.update',
      summary: {
        transaction: {
          payee: row.payee,
          description: row.description,
          occurredOn: row.occurred_on,
          amountMinor: row.amount_minor,
          currency: row.currency.trim(),
        },
        fields: fieldsOf(patch),
      },
    });
    if (patch.splits !== undefined && row.split) {
      await trx
        .deleteFrom('transaction_lines')
        .where('user_id', '=', user.id)
        .where('transaction_id', '=', id)
        .where('line_no', '>', patch.splits?.length ?? 0)
        .execute();
    }
    await trx
      .updateTable('transactions')
      .set({ ...changes, updated_at: sql`now()` })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    if (patch.splits) {
      if (row.split) await replaceLines(trx, user.id, id, patch.splits);
      else await insertLines(trx, user.id, id, patch.splits);
    }
    if (partner && (patch.occurredOn !== undefined || patch.amountMinor !== undefined)) {
      await trx
        .updateTable('transactions')
        .set({
          occurred_on: patch.occurredOn ?? row.occurred_on,
          amount_minor: -amount,
          updated_at: sql`now()`,
        })
        .where('user_id', '=', user.id)
        .where('id', '=', partner.id)
        .execute();
    }
    await finishWrites(trx);
    return {
      changeSetId,
      description,
      transactions: await transactionDetails(trx, user.id, partner ? [id, partner.id] : [id]),
    };
  });
}

/**
 * Gives a split transaction these lines, keeping each line's row by its number: line k is updated
 * in place and only lines beyond the old count are inserted (the caller deleted those beyond the
 * new count). Replacing every row instead would make undo re-insert the old lines while the new
 * ones still hold their numbers; in place, the change log holds updates that undo restores.
 */
async function replaceLines(
  trx: Kysely<Database>,
  userId: string,
  transactionId: string,
  lines: readonly SplitLineInput[],
): Promise<void> {
  const values = lines.map(
    (line, index) =>
      sql`(${index + 1}::int, ${line.categoryId}::uuid, ${line.amountMinor}::bigint, ${line.memo ?? null}::text)`,
  );
  const { rows } = await sql<{ lineNo: number }>`
    update transaction_lines l
    set category_id = v.category_id, amount_minor = v.amount_minor, memo = v.memo
    from (values ${sql.join(values)}) as v (line_no, category_id, amount_minor, memo)
    where l.user_id = ${userId} and l.transaction_id = ${transactionId} and l.line_no = v.line_no
    returning l.line_no as "lineNo"`.execute(trx);
  const kept = rows.length;
  if (kept < lines.length) {
    await insertLines(trx, userId, transactionId, lines.slice(kept), kept + 1);
  }
}
