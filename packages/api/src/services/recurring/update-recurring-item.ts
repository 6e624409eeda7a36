import type { RecurringItemWritten, UpdateRecurringItemInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { fieldsOf } from '../history/describe.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { loadReferences } from '../references.ts';
import { findRecurringItem, seriesWritten } from './recurring-rules.ts';
import { parseRule } from './schedule.ts';

/**
 * Changes a series. Its due items from today on follow in the same change set (new days added,
 * days it no longer has removed, the amount of upcoming ones changed); paid and past ones stay
 * as they are.
 */
export async function updateRecurringItem(
  db: Kysely<Database>,
  { user, today, id, patch }: { user: Writer; today: string } & UpdateRecurringItemInput,
): Promise<RecurringItemWritten> {
  if (patch.rrule !== undefined) parseRule(patch.rrule);
  return inTransaction(db, async (trx) => {
    const current = await findRecurringItem(trx, { userId: user.id, today, id });
    await loadReferences(trx, user.id, {
      accountIds: [patch.accountId],
      categoryIds: [patch.categoryId],
    });
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'recurring.update',
      summary: { name: current.name, fields: fieldsOf(patch) },
    });
    await trx
      .updateTable('recurring_items')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.payee !== undefined ? { payee: patch.payee } : {}),
        ...(patch.amountMinor !== undefined ? { amount_minor: patch.amountMinor } : {}),
        ...(patch.toleranceMinor !== undefined ? { tolerance_minor: patch.toleranceMinor } : {}),
        ...(patch.accountId !== undefined ? { account_id: patch.accountId } : {}),
        ...(patch.categoryId !== undefined ? { category_id: patch.categoryId } : {}),
        ...(patch.rrule !== undefined ? { rrule: patch.rrule.toUpperCase() } : {}),
        ...(patch.startsOn !== undefined ? { starts_on: patch.startsOn } : {}),
        ...(patch.shift !== undefined ? { shift: patch.shift } : {}),
        ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .execute();
    return seriesWritten(trx, { userId: user.id, today, id, change });
  });
}
