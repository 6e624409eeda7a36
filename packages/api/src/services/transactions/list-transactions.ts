import type { TransactionListInput, TransactionPage, TransferLink } from '@outlay/contracts';
import { joinRow, TRANSACTION_COLUMNS, userRowsIn, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { matchingEntries, rowSpend } from '../metrics/spend.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * One page of the entries matching a filter (an unsplit transaction, or a line of a split one),
 * with keyset pagination on (date, entry id) or (amount, entry id), from the first row or from a
 * date (`startAt`). Each row carries its spend
 * value under the one definition, so a drill-down's total is the sum of the rows it shows.
 */
export async function listTransactions(
  db: Kysely<Database>,
  { user, filter, cursor, startAt, limit, sort }: { user: { id: string } } & TransactionListInput,
): Promise<TransactionPage> {
  const column = sort.field === 'date' ? 't.occurred_on' : 't.amount_minor';
  const direction = sort.direction;

  let query = matchingEntries(db, user.id, filter)
    .innerJoin('accounts as a', joinRow('a', 't.account_id'))
    .select([
      't.id',
      't.entry_id as entryId',
      't.line_no as lineNo',
      ...TRANSACTION_COLUMNS,
      't.transaction_amount_minor as transactionAmountMinor',
      't.memo',
      't.transfer_id as transferId',
      rowSpend.spendValue.as('spendMinor'),
    ])
    .orderBy(column, direction)
    .orderBy('t.entry_id', direction)
    .limit(limit + 1);

  if (startAt) {
    // The same keyset walk, entered at a date: one index range from there, however deep.
    query = query.where('t.occurred_on', direction === 'desc' ? '<=' : '>=', startAt);
  }
  if (cursor) {
    const after = decodeCursor(sort.field, cursor);
    query = query.where((eb) =>
      eb(
        eb.refTuple(column, 't.entry_id'),
        direction === 'desc' ? '<' : '>',
        eb.tuple(after.value, after.id),
      ),
    );
  }

  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const links = await transferLinks(
    db,
    user.id,
    page.filter((row) => row.transferId !== null).map((row) => row.id),
  );
  const items = page.map(({ transferId: _transferId, ...row }) => ({
    ...row,
    transfer: links.get(row.id) ?? null,
  }));
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(sort.field, {
          value: sort.field === 'date' ? last.occurredOn : last.amountMinor,
          id: last.entryId,
        })
      : null;
  return { items, nextCursor };
}

/**
 * The other side of each of these transfer rows, keyed by row id: one indexed query, and only
 * for the rows of a page that are transfers.
 */
export async function transferLinks(
  db: Kysely<Database>,
  userId: string,
  ids: readonly string[],
): Promise<Map<string, TransferLink>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('transactions as t')
    .innerJoin('transactions as o', (join) =>
      join
        .onRef('o.user_id', '=', 't.user_id')
        .onRef('o.transfer_id', '=', 't.transfer_id')
        .onRef('o.id', '<>', 't.id'),
    )
    .innerJoin('accounts as a', joinRow('a', 'o.account_id'))
    .select([
      't.id',
      't.transfer_id as transferId',
      'o.id as otherTransactionId',
      'o.account_id as otherAccountId',
      'a.name as otherAccountName',
    ])
    .where(userRowsIn('t', userId, ids))
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.transferId!,
        otherTransactionId: row.otherTransactionId,
        otherAccountId: row.otherAccountId,
        otherAccountName: row.otherAccountName,
      },
    ]),
  );
}
