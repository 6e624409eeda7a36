import type { RecurringItemWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { findRecurringItem, seriesWritten } from './recurring-rules.ts';

/**
 * Pauses a series (its unpaid due items from today on are removed) or resumes it (they come back
 * from today, as its schedule has them). Past and paid items stay.
 */
export async function setRecurringItemPaused(
  db: Kysely<Database>,
  { user, today, id, paused }: { user: Writer; today: string; id: string; paused: boolean },
): Promise<RecurringItemWritten> {
  return inTransaction(db, async (trx) => {
    const current = await findRecurringItem(trx, { userId: user.id, today, id });
    const change = await openDescribedChangeSet(trx, {
      user,
      action: paused ? 'recurring.pause' : 'recurring.resume',
      summary: { name: current.name },
    });
    await trx
      .updateTable('recurring_items')
      .set({ paused })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    return seriesWritten(trx, { userId: user.id, today, id, change });
  });
}
