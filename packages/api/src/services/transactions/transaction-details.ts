import type { TransactionDetail, TransactionLine } from '@outlay/contracts';
import {
  joinRow,
  TRANSACTION_COLUMNS,
  transactionsWithNames,
  userRowsIn,
  type Database,
} from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { transferLinks } from './list-transactions.ts';

/**
 * Whole transactions with their lines and transfer links, in the order of `ids` (ids not found
 * are left out): what `transactions.get` and every write of whole transactions return.
 */
export async function transactionDetails(
  db: Kysely<Database>,
  userId: string,
  ids: readonly string[],
): Promise<TransactionDetail[]> {
  if (ids.length === 0) return [];
  const rows = await transactionsWithNames(db)
    .select([
      't.id',
      ...TRANSACTION_COLUMNS,
      't.split',
      't.transfer_id as transferId',
      't.created_at as createdAt',
      't.updated_at as updatedAt',
    ])
    .where(userRowsIn('t', userId, ids))
    .execute();
  const splitIds = rows.filter((row) => row.split).map((row) => row.id);
  const [lines, links] = await Promise.all([
    linesOf(db, userId, splitIds),
    transferLinks(
      db,
      userId,
      rows.filter((row) => row.transferId !== null).map((row) => row.id),
    ),
  ]);
  const byId = new Map(
    rows.map(({ transferId: _transferId, createdAt, updatedAt, ...row }) => [
      row.id,
      {
        ...row,
        lines: lines.get(row.id) ?? [],
        transfer: links.get(row.id) ?? null,
        createdAt: new Date(createdAt).toISOString(),
        updatedAt: new Date(updatedAt).toISOString(),
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function linesOf(
  db: Kysely<Database>,
  userId: string,
  transactionIds: readonly string[],
): Promise<Map<string, TransactionLine[]>> {
  const byTransaction = new Map<string, TransactionLine[]>();
  if (transactionIds.length === 0) return byTransaction;
  const rows = await db
    .selectFrom('transaction_lines as l')
    .leftJoin('categories as c', joinRow('c', 'l.category_id'))
    .select([
      'l.transaction_id as transactionId',
      'l.id',
      'l.line_no as lineNo',
      'l.category_id as categoryId',
      'c.name as categoryName',
      'c.kind as categoryKind',
      'l.amount_minor as amountMinor',
      'l.memo',
    ])
    .where('l.user_id', '=', userId)
    .where(sql<boolean>`l.transaction_id = any(${transactionIds}::uuid[])`)
    .orderBy('l.transaction_id')
    .orderBy('l.line_no')
    .execute();
  for (const { transactionId, ...line } of rows) {
    const list = byTransaction.get(transactionId) ?? [];
    list.push(line);
    byTransaction.set(transactionId, list);
  }
  return byTransaction;
}
