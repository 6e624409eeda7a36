import type { RecurringItemDeleted } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { findRecurringItem } from './recurring-rules.ts';

/**
 * Deletes a series and every due item of it, paid ones included: the transactions that paid them
 * stay, and they are the record of the payments. One change set, so undo brings all of it back.
 */
export async function deleteRecurringItem(
  db: Kysely<Database>,
  { user, today, id }: { user: Writer; today: string; id: string },
): Promise<RecurringItemDeleted> {
  return inTransaction(db, async (trx) => {
    const current = await findRecurringItem(trx, { userId: user.id, today, id });
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'recurring.delete',
      summary: { name: current.name },
    });
    const removed = await trx
      .deleteFrom('due_items')
      .where('user_id', '=', user.id)
      .where('recurring_id', '=', id)
      .executeTakeFirst();
    await trx
      .deleteFrom('recurring_items')
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    return { ...change, id, dueItemsRemoved: Number(removed.numDeletedRows) };
  });
}
