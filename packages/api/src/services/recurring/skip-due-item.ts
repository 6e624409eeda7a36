import type { DueItemWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { findDueItem } from './due-item-rows.ts';

/** Skips one occurrence (this month's bill will not come); the series goes on. Undo un-skips. */
export async function skipDueItem(
  db: Kysely<Database>,
  { user, today, id }: { user: Writer; today: string; id: string },
): Promise<DueItemWritten> {
  return inTransaction(db, async (trx) => {
    const due = await findDueItem(trx, { userId: user.id, today, id });
    if (due.status === 'paid') {
      throw new DomainError(
        'CONFLICT',
        `'${due.name}' due ${due.dueOn} is paid: undo the payment to skip it`,
      );
    }
    if (due.status === 'skipped') {
      throw new DomainError('CONFLICT', `'${due.name}' due ${due.dueOn} is already skipped`);
    }
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'dueItems.skip',
      summary: { name: due.name, dueOn: due.dueOn },
    });
    await trx
      .updateTable('due_items')
      .set({ status: 'skipped' })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    return { ...change, item: await findDueItem(trx, { userId: user.id, today, id }) };
  });
}
