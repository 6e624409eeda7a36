import type { TransactionListInput, TransactionPage } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { matchingTransactions, rowSpend } from '../metrics/spend.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * One page of the transactions matching a filter, with keyset pagination on (date, id) or
 * (amount, id). Each row carries its spend value under the one definition, so a drill-down's total
 * is the sum of the rows it shows.
 */
export async function listTransactions(
  db: Kysely<Database>,
  { user, filter, cursor, limit, sort }: { user: { id: string } } & TransactionListInput,
): Promise<TransactionPage> {
  const column = sort.field === 'date' ? 't.occurred_on' : 't.amount_minor';
  const direction = sort.direction;

  let query = matchingTransactions(db, user.id, filter)
    .innerJoin('accounts as a', (join) =>
      join.onRef('a.user_id', '=', 't.user_id').onRef('a.id', '=', 't.account_id'),
    )
    .select([
      't.id',
      't.account_id as accountId',
      'a.name as accountName',
      't.occurred_on as occurredOn',
      't.amount_minor as amountMinor',
      't.currency',
      't.category_id as categoryId',
      'c.name as categoryName',
      'c.kind as categoryKind',
      't.payee',
      't.description',
      rowSpend.spendValue.as('spendMinor'),
    ])
    .orderBy(column, direction)
    .orderBy('t.id', direction)
    .limit(limit + 1);

  if (cursor) {
    const after = decodeCursor(sort.field, cursor);
    query = query.where((eb) =>
      eb(
        eb.refTuple(column, 't.id'),
        direction === 'desc' ? '<' : '>',
        eb.tuple(after.value, after.id),
      ),
    );
  }

  const rows = await query.execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(sort.field, {
          value: sort.field === 'date' ? last.occurredOn : last.amountMinor,
          id: last.id,
        })
      : null;
  return { items, nextCursor };
}
