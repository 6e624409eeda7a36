import type { DueItemWritten, MarkDueItemPaidInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { loadReferences } from '../references.ts';
import { briefOf, insertTransaction } from '../transactions/create-transaction.ts';
import { findDueItem } from './due-item-rows.ts';

/**
 * Pays a due item: records the payment as a transaction of the series' account, payee and
 * category (the amount due, on today, unless told otherwise) and links it, in one change set, so
 * undoing it removes the transaction and makes the item unpaid again.
 */
export async function markDueItemPaid(
  db: Kysely<Database>,
  {
    user,
    today,
    id,
    occurredOn,
    amountMinor,
  }: { user: Writer; today: string } & MarkDueItemPaidInput,
): Promise<DueItemWritten> {
  return inTransaction(db, async (trx) => {
    const due = await findDueItem(trx, { userId: user.id, today, id });
    if (due.status === 'paid')
      throw new DomainError('CONFLICT', `'${due.name}' due ${due.dueOn} is already paid`);
    const input = {
      accountId: due.accountId,
      occurredOn: occurredOn ?? today,
      amountMinor: amountMinor ?? due.amountMinor,
      payee: due.payee ?? due.name,
      categoryId: due.categoryId,
    };
    await loadReferences(trx, user.id, {
      accountIds: [input.accountId],
      categoryIds: [input.categoryId],
    });
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'dueItems.markPaid',
      summary: { name: due.name, dueOn: due.dueOn, transaction: briefOf(input, due.currency) },
    });
    const transactionId = await insertTransaction(trx, { user, input, currency: due.currency });
    await trx
      .updateTable('due_items')
      .set({ status: 'paid', transaction_id: transactionId })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    return { ...change, item: await findDueItem(trx, { userId: user.id, today, id }) };
  });
}
