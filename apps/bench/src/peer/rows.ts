/**
 * The rows both systems hold. Outlay's bulk generator makes them inside its database (`generateBulk`,
 * deterministic from a seed); they are read back once and handed to Actual through its own API, so
 * the two hold the same transactions: same accounts, dates, amounts, categories, payees and
 * descriptions (Actual's notes), and the same ids.
 */
import { transactionsWithNames, type Database } from '@outlay/db';
import { sql, type Kysely } from 'kysely';
import type { ActualNewTransaction } from './actual-api.ts';

export type CategoryKind = 'expense' | 'income' | 'transfer';

export interface PeerRow {
  id: string;
  account: string;
  date: string;
  amountMinor: number;
  /** Category name, or null for an uncategorized row. */
  category: string | null;
  categoryKind: CategoryKind | null;
  payee: string | null;
  description: string | null;
}

/** One user's transactions in generation order (ids rise with the generator's row number). */
export async function readRows(db: Kysely<Database>, userId: string): Promise<PeerRow[]> {
  const rows = await transactionsWithNames(db)
    .select([
      't.id',
      'a.name as account',
      sql<string>`t.occurred_on::text`.as('date'),
      't.amount_minor as amountMinor',
      'c.name as category',
      'c.kind as categoryKind',
      't.payee',
      't.description',
    ])
    .where('t.user_id', '=', userId)
    .orderBy('t.id')
    .execute();
  return rows;
}

/** What a row refers to in Actual: its accounts, categories, and each account's transfer payee. */
export interface ActualIds {
  /** Account name → Actual account id. */
  accounts: ReadonlyMap<string, string>;
  /** Category name → Actual category id (income and expense categories; transfers have none). */
  categories: ReadonlyMap<string, string>;
  /** Account name → the payee that makes a row a transfer *to* that account. */
  transferPayees: ReadonlyMap<string, string>;
}

/**
 * One row as Actual's `addTransactions` takes it. Transfers become Actual transfers: no category,
 * the other account's transfer payee (Actual has no "transfer" category; a transfer is a row whose
 * payee is an account). `sort_order` is the row's place in generation order, so rows of one date
 * list in the same order in both (Outlay: id descending; Actual: sort_order descending).
 */
export function toActualTransaction(
  row: PeerRow,
  sortOrder: number,
  ids: ActualIds,
): ActualNewTransaction {
  const base = {
    id: row.id,
    date: row.date,
    amount: row.amountMinor,
    notes: row.description,
    sort_order: sortOrder,
  };
  if (row.categoryKind === 'transfer') {
    const other = [...ids.transferPayees.keys()].filter((account) => account !== row.account);
    if (other.length !== 1) {
      throw new Error(
        `a transfer needs exactly one other account; ${row.account} has ${other.length}`,
      );
    }
    return { ...base, payee: ids.transferPayees.get(other[0]!)!, category: null };
  }
  const category = row.category === null ? null : ids.categories.get(row.category);
  if (category === undefined) throw new Error(`no Actual category for "${row.category}"`);
  return { ...base, ...(row.payee === null ? {} : { payee_name: row.payee }), category };
}

/** Rows grouped by account, each group in generation order with its sort order. */
export function byAccount(
  rows: readonly PeerRow[],
): Map<string, { row: PeerRow; sortOrder: number }[]> {
  const groups = new Map<string, { row: PeerRow; sortOrder: number }[]>();
  rows.forEach((row, index) => {
    const group = groups.get(row.account) ?? [];
    group.push({ row, sortOrder: index });
    groups.set(row.account, group);
  });
  return groups;
}
