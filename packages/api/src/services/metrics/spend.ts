/**
 * The one definition of spend (DESIGN §3). Every card, chart, budget, drill-down and export builds
 * on these expressions and on `matchingTransactions`; nothing re-derives spend elsewhere.
 *
 * - spend: the category's kind is `expense`, or there is no category and the amount is negative;
 *   its value is −amount, so a refund booked to an expense category lowers spend.
 * - income: the category's kind is `income`, or there is no category and the amount is positive.
 * - transfers are neither.
 *
 * The expressions refer to the aliases `t` (transactions) and `c` (categories) that
 * `matchingTransactions` sets up.
 */
import type { TransactionFilter } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';

export const isSpend = sql<SqlBool>`(c.kind = 'expense' or (t.category_id is null and t.amount_minor < 0))`;
export const isIncome = sql<SqlBool>`(c.kind = 'income' or (t.category_id is null and t.amount_minor > 0))`;
/** A row's contribution to spend: −amount for spend rows, 0 otherwise. */
export const spendValue = sql<number>`(case when ${isSpend} then -t.amount_minor else 0 end)`;
/** A row's contribution to income. */
export const incomeValue = sql<number>`(case when ${isIncome} then t.amount_minor else 0 end)`;

/** Σ spend as a bigint (sum over bigint is numeric in PostgreSQL; the cast brings it back). */
export const sumSpend = sql<number>`coalesce(sum(${spendValue}), 0)::bigint`;

/** A user's transactions, joined to their categories, narrowed by the filter. */
export function matchingTransactions(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
) {
  let query = db
    .selectFrom('transactions as t')
    .leftJoin('categories as c', (join) =>
      join.onRef('c.user_id', '=', 't.user_id').onRef('c.id', '=', 't.category_id'),
    )
    .where('t.user_id', '=', userId);

  if (filter.from !== undefined) query = query.where('t.occurred_on', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('t.occurred_on', '<=', filter.to);

  if (filter.categoryIds !== undefined || filter.includeUncategorized) {
    const ids = filter.categoryIds ?? [];
    query = query.where((eb) => {
      const alternatives: Expression<SqlBool>[] = [];
      if (ids.length > 0) alternatives.push(eb('t.category_id', 'in', ids));
      if (filter.includeUncategorized) alternatives.push(eb('t.category_id', 'is', null));
      return alternatives.length > 0 ? eb.or(alternatives) : sql<SqlBool>`false`;
    });
  }

  if (filter.accountIds !== undefined) {
    const ids = filter.accountIds;
    query = query.where((eb) =>
      ids.length > 0 ? eb('t.account_id', 'in', ids) : sql<SqlBool>`false`,
    );
  }

  if (filter.minAmount !== undefined) {
    query = query.where(sql<SqlBool>`abs(t.amount_minor) >= ${filter.minAmount}`);
  }
  if (filter.maxAmount !== undefined) {
    query = query.where(sql<SqlBool>`abs(t.amount_minor) <= ${filter.maxAmount}`);
  }

  if (filter.search !== undefined) {
    const pattern = `%${escapeLike(filter.search)}%`;
    query = query.where((eb) =>
      eb.or([eb('t.payee', 'ilike', pattern), eb('t.description', 'ilike', pattern)]),
    );
  }

  if (filter.kind === 'spend') query = query.where(isSpend);
  if (filter.kind === 'income') query = query.where(isIncome);

  return query;
}

/** Escapes LIKE wildcards so a search for "50%" matches that text, not everything. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
