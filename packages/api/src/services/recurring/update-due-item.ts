import type { DueItemWritten, UpdateDueItemInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { databaseErrorOf, DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { findDueItem } from './due-item-rows.ts';
import { horizonOf } from './schedule.ts';

/**
 * Changes one occurrence without its series: moves it to another day (this month's rent is
 * paid on the 3rd) or gives it its own amount (this quarter's bill is higher). The item keeps
 * the day its schedule gave it (`scheduled_on`), so the schedule neither adds that occurrence
 * again nor, when the series changes, takes the new day or amount away. Only an unpaid item
 * can change, and only to a day from today to the end of the schedule's window. Undo puts it
 * back.
 */
export async function updateDueItem(
  db: Kysely<Database>,
  { user, today, id, patch }: { user: Writer; today: string } & UpdateDueItemInput,
): Promise<DueItemWritten> {
  return inTransaction(db, async (trx) => {
    const due = await findDueItem(trx, { userId: user.id, today, id });
    if (due.status === 'paid' || due.status === 'skipped') {
      throw new DomainError(
        'CONFLICT',
        `'${due.name}' due ${due.dueOn} is ${due.status}: undo that first to change it`,
      );
    }
    const horizon = horizonOf(today);
    if (patch.dueOn !== undefined && (patch.dueOn < today || patch.dueOn > horizon.to)) {
      throw new DomainError(
        'BAD_INPUT',
        `A due item can move to a day from today (${today}) to ${horizon.to}, not ${patch.dueOn}`,
      );
    }
    const moved = patch.dueOn !== undefined && patch.dueOn !== due.dueOn;
    const fields = [
      ...(moved ? ['day'] : []),
      ...(patch.amountMinor !== undefined && patch.amountMinor !== due.amountMinor
        ? ['amount']
        : []),
    ];
    if (fields.length === 0) {
      throw new DomainError('BAD_INPUT', `'${due.name}' due ${due.dueOn} already is like that`);
    }
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'dueItems.update',
      summary: { name: due.name, dueOn: due.dueOn, fields, newDueOn: patch.dueOn ?? null },
    });
    try {
      await trx
        .updateTable('due_items')
        .set({
          // Moved back to the schedule's own day, it is no longer moved.
          ...(moved
            ? {
                due_on: patch.dueOn!,
                scheduled_on: sql<string | null>`case
                  when coalesce(scheduled_on, due_on) = ${patch.dueOn}::date then null
                  else coalesce(scheduled_on, due_on) end`,
              }
            : {}),
          ...(patch.amountMinor !== undefined
            ? { amount_minor: patch.amountMinor, amount_edited: true }
            : {}),
        })
        .where('user_id', '=', user.id)
        .where('id', '=', id)
        .execute();
    } catch (error) {
      if (databaseErrorOf(error)?.constraint === 'due_items_recurring_due_key') {
        throw new DomainError(
          'CONFLICT',
          `'${due.name}' is already due on ${patch.dueOn}: one occurrence of a series per day`,
        );
      }
      throw error;
    }
    return { ...change, item: await findDueItem(trx, { userId: user.id, today, id }) };
  });
}
