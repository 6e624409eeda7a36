import type { RecurringItem, RecurringItemWritten } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import { syncDueItems } from './generate-due-items.ts';

/**
 * Recurring items as the contract's `RecurringItem`: with their account's name and currency,
 * their category's name and the next day they fall due (unpaid, not skipped, from `today`).
 */
export async function recurringItems(
  db: Kysely<Database>,
  { userId, today, ids }: { userId: string; today: string; ids?: readonly string[] },
): Promise<RecurringItem[]> {
  const rows = await db
    .selectFrom('recurring_items as r')
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.user_id', '=', 'r.user_id').onRef('a.id', '=', 'r.account_id'),
    )
    .leftJoin('categories as c', (join) =>
      join.onRef('c.user_id', '=', 'r.user_id').onRef('c.id', '=', 'r.category_id'),
    )
    .where('r.user_id', '=', userId)
    .$if(ids !== undefined, (q) => q.where('r.id', 'in', ids!.length > 0 ? ids! : [NO_ID]))
    .select([
      'r.id',
      'r.name',
      'r.payee',
      'r.amount_minor as amountMinor',
      'r.tolerance_minor as toleranceMinor',
      'a.currency',
      'r.account_id as accountId',
      'a.name as accountName',
      'r.category_id as categoryId',
      'c.name as categoryName',
      'r.rrule',
      'r.starts_on as startsOn',
      'r.shift',
      'r.priority',
      'r.notes',
      'r.paused',
      sql<string | null>`(select min(d.due_on) from due_items d
        where d.user_id = r.user_id and d.recurring_id = r.id and d.status = 'upcoming'
          and d.due_on >= ${today})`.as('nextDueOn'),
    ])
    .orderBy('r.priority')
    .orderBy(sql`lower(r.name)`)
    .orderBy('r.id')
    .execute();
  return rows.map((row) => ({ ...row, currency: row.currency.trim() }));
}

/** A uuid no row has: `in ()` is not SQL. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

export async function findRecurringItem(
  db: Kysely<Database>,
  { userId, today, id }: { userId: string; today: string; id: string },
): Promise<RecurringItem> {
  const [item] = await recurringItems(db, { userId, today, ids: [id] });
  if (!item) throw new DomainError('NOT_FOUND', 'Recurring item not found');
  return item;
}

/**
 * The end of every write to a series: its due items brought in line (in the same change set) and
 * the answer, the series as written with what happened to its due items.
 */
export async function seriesWritten(
  trx: Kysely<Database>,
  {
    userId,
    today,
    id,
    change,
  }: {
    userId: string;
    today: string;
    id: string;
    change: { changeSetId: string; description: string };
  },
): Promise<RecurringItemWritten> {
  const dueItems = await syncDueItems(trx, { userId, today, recurringIds: [id] });
  const item = await findRecurringItem(trx, { userId, today, id });
  return { ...change, item, dueItems };
}
