import { type JoinBuilder, type Kysely, type ReferenceExpression, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The join of a row to the row it refers to. Every table is keyed by `(user_id, id)` and every
 * reference between a user's rows is a composite `(user_id, <column>)` foreign key, so every such
 * join is this one condition: `<to>.user_id = <from>.user_id and <to>.id = <from>.<column>`.
 * Joining on both columns is what lets the planner use the primary key, and what keeps one
 * user's rows from ever meeting another's.
 *
 *     .innerJoin('accounts as a', joinRow('a', 't.account_id'))
 */
export function joinRow(to: string, reference: `${string}.${string}`) {
  const from = reference.slice(0, reference.indexOf('.'));
  return <DB, TB extends keyof DB>(join: JoinBuilder<DB, TB>): JoinBuilder<DB, TB> =>
    join
      .onRef(ref<DB, TB>(`${to}.user_id`), '=', ref<DB, TB>(`${from}.user_id`))
      .onRef(ref<DB, TB>(`${to}.id`), '=', ref<DB, TB>(reference));
}

// Kysely types a reference from the tables in scope at the call; a helper shared by every query
// cannot know them, so the names are checked by the database (and the tests) instead.
const ref = <DB, TB extends keyof DB>(name: string) => name as ReferenceExpression<DB, TB>;

/**
 * Transactions `t` with their account `a` and (where they have one) category `c`: what every
 * reader of whole rows by name starts from (a transaction's details, the generators' checks, the
 * bench's copy of the rows for Actual).
 */
export function transactionsWithNames(db: Kysely<Database>) {
  return db
    .selectFrom('transactions as t')
    .innerJoin('accounts as a', joinRow('a', 't.account_id'))
    .leftJoin('categories as c', joinRow('c', 't.category_id'));
}

/**
 * What a transaction (or one line of it) says, by name, as the contracts spell it: selected from
 * `t` (a transaction or an entry), `a` (its account) and `c` (its category).
 */
export const TRANSACTION_COLUMNS = [
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
  't.notes',
] as const;

/**
 * `<alias>.user_id = user and <alias>.id = any(ids)`: a user's rows among the ids given, for
 * readers that take a page's worth of ids (a larger list wants `rowsById`'s one lookup per id).
 *
 *     .where(userRowsIn('t', userId, ids))
 */
export function userRowsIn(alias: string, userId: string, ids: readonly string[]) {
  return sql<boolean>`${sql.ref(`${alias}.user_id`)} = ${userId} and ${sql.ref(`${alias}.id`)} = any(${ids}::uuid[])`;
}
