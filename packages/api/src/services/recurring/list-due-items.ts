import {
  addDays,
  daysInclusive,
  DUE_SOON_DAYS,
  MAX_DUE_ITEMS,
  MAX_DUE_RANGE_DAYS,
  type DueItemList,
  type DueItemsListInput,
} from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { dueItemRows, toDueItem } from './due-item-rows.ts';

/**
 * The caller's due items from `from` to `to` (at most two years), in the order the Upcoming view
 * shows them, with the counts its badge shows: unpaid items before today, and due within
 * DUE_SOON_DAYS.
 */
export async function listDueItems(
  db: Kysely<Database>,
  { user, today, from, to }: { user: Pick<Writer, 'id'>; today: string } & DueItemsListInput,
): Promise<DueItemList> {
  if (daysInclusive(from, to) > MAX_DUE_RANGE_DAYS) {
    throw new DomainError(
      'BAD_INPUT',
      `A range of due items spans at most ${MAX_DUE_RANGE_DAYS} days`,
    );
  }
  const rows = await dueItemRows(db, { userId: user.id, today })
    .where('d.due_on', '>=', from)
    .where('d.due_on', '<=', to)
    .limit(MAX_DUE_ITEMS + 1)
    .execute();
  const { rows: counts } = await sql<{ overdue: number; soon: number }>`
    select count(*) filter (where due_on < ${today})::int as overdue,
      count(*) filter (where due_on >= ${today})::int as soon
    from due_items
    where user_id = ${user.id} and status = 'upcoming' and due_on <= ${addDays(today, DUE_SOON_DAYS)}`.execute(
    db,
  );
  return {
    items: rows.slice(0, MAX_DUE_ITEMS).map(toDueItem),
    truncated: rows.length > MAX_DUE_ITEMS,
    overdueCount: counts[0]?.overdue ?? 0,
    dueSoonCount: counts[0]?.soon ?? 0,
    today,
  };
}
