import {
  MAX_RECURRING_ITEMS,
  type CreateRecurringItemInput,
  type RecurringItemWritten,
} from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { loadReferences } from '../references.ts';
import { seriesWritten } from './recurring-rules.ts';
import { parseRule } from './schedule.ts';

/**
 * Adds a recurring item and, in the same change set, its due items from today to the horizon:
 * undoing the creation removes both. Its account and category must be the caller's.
 */
export async function createRecurringItem(
  db: Kysely<Database>,
  { user, today, ...input }: { user: Writer; today: string } & CreateRecurringItemInput,
): Promise<RecurringItemWritten> {
  parseRule(input.rrule);
  return inTransaction(db, async (trx) => {
    await loadReferences(trx, user.id, {
      accountIds: [input.accountId],
      categoryIds: [input.categoryId],
    });
    const { n } = await trx
      .selectFrom('recurring_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_RECURRING_ITEMS) {
      throw new DomainError(
        'CONFLICT',
        `You can keep at most ${MAX_RECURRING_ITEMS} recurring items`,
      );
    }
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'recurring.create',
      summary: { name: input.name, amountMinor: input.amountMinor, rrule: input.rrule },
    });
    const { id } = await trx
      .insertInto('recurring_items')
      .values({
        user_id: user.id,
        name: input.name,
        payee: input.payee ?? null,
        amount_minor: input.amountMinor,
        tolerance_minor: input.toleranceMinor ?? 0,
        account_id: input.accountId,
        category_id: input.categoryId ?? null,
        rrule: input.rrule.toUpperCase(),
        starts_on: input.startsOn,
        shift: input.shift ?? 'none',
        priority: input.priority ?? 0,
        notes: input.notes ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return seriesWritten(trx, { userId: user.id, today, id, change });
  });
}
