import { addDays, DUE_SOON_DAYS, type DueItem, type DueStatus } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';

/**
 * Due items read as the contract's `DueItem`, with their series' name, payee, account and
 * category, and the status a person sees: the stored one, or for an upcoming item `overdue`
 * before today and `due` up to DUE_SOON_DAYS from it. Ordered by day, then the place a person
 * dragged it to, then the series' priority and name.
 */
export function dueItemRows(
  db: Kysely<Database>,
  { userId, today }: { userId: string; today: string },
) {
  const soon = addDays(today, DUE_SOON_DAYS);
  return db
    .selectFrom('due_items as d')
    .innerJoin('recurring_items as r', (join) =>
      join.onRef('r.user_id', '=', 'd.user_id').onRef('r.id', '=', 'd.recurring_id'),
    )
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.user_id', '=', 'r.user_id').onRef('a.id', '=', 'r.account_id'),
    )
    .leftJoin('categories as c', (join) =>
      join.onRef('c.user_id', '=', 'r.user_id').onRef('c.id', '=', 'r.category_id'),
    )
    .where('d.user_id', '=', userId)
    .select([
      'd.id',
      'd.recurring_id as recurringId',
      'r.name',
      'r.payee',
      'd.due_on as dueOn',
      'd.amount_minor as amountMinor',
      'a.currency',
      'r.account_id as accountId',
      'a.name as accountName',
      'r.category_id as categoryId',
      'c.name as categoryName',
      sql<DueStatus>`case
        when d.status <> 'upcoming' then d.status
        when d.due_on < ${today} then 'overdue'
        when d.due_on <= ${soon} then 'due'
        else 'upcoming' end`.as('status'),
      'd.transaction_id as transactionId',
      'd.position',
      'r.priority',
      'd.scheduled_on as scheduledOn',
      'd.amount_edited as amountEdited',
    ])
    .orderBy('d.due_on')
    .orderBy(sql`d.position nulls last`)
    .orderBy('r.priority')
    .orderBy(sql`lower(r.name)`)
    .orderBy('d.id');
}

type DueRow = Awaited<ReturnType<ReturnType<typeof dueItemRows>['execute']>>[number];

export const toDueItem = (row: DueRow): DueItem => ({ ...row, currency: row.currency.trim() });

export async function findDueItem(
  db: Kysely<Database>,
  { userId, today, id }: { userId: string; today: string; id: string },
): Promise<DueItem> {
  const row = await dueItemRows(db, { userId, today }).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'Due item not found');
  return toDueItem(row);
}
