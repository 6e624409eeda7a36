/**
 * The one definition of spend (DESIGN §3). Every card, chart, budget, drill-down and export builds
 * on these expressions; nothing re-derives spend elsewhere.
 *
 * The definition applies to entries: an unsplit transaction is one entry, a split transaction
 * one entry per line (the line's category and amount; the transaction's date, account and text).
 *
 * - spend: the category's kind is `expense`, or there is no category and the amount is negative;
 *   its value is −amount, so a refund booked to an expense category lowers spend.
 * - income: the category's kind is `income`, or there is no category and the amount is positive.
 * - transfers (the two linked rows of `transfers.create`) are neither, whatever their category;
 *   so is a category of kind `transfer`.
 *
 * Metrics read one of two sources with the same columns under the alias `t` (joined to the
 * categories as `c`): the entries themselves, or their per-day totals (`daily_totals`, kept
 * exact by triggers), which hold a few thousand rows per user however long the history. Totals are
 * used whenever the filter needs nothing they do not keep (amount bounds, text, accounts). Because
 * the expressions below only look at an entry's category, sign, amount and whether it is a
 * transfer, they mean the same on both.
 */
import type { TransactionFilter } from '@outlay/contracts';
import { joinRow, type Database } from '@outlay/db';
import {
  type AliasedSelectQueryBuilder,
  type Expression,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { addDays, bucketStart, nextBucketStart } from '@outlay/contracts';

/** The columns the definition looks at: an entry's amount, its sign (−1, 0, 1), whether a transfer. */
export interface AmountColumns {
  amount: RawBuilder<number>;
  sign: RawBuilder<number>;
  transfer: RawBuilder<SqlBool>;
}

export function spendExpressions({ amount, sign, transfer }: AmountColumns) {
  const isSpend = sql<SqlBool>`(not ${transfer} and (c.kind = 'expense' or (t.category_id is null and ${sign} < 0)))`;
  const isIncome = sql<SqlBool>`(not ${transfer} and (c.kind = 'income' or (t.category_id is null and ${sign} > 0)))`;
  /** A row's contribution to spend: −amount for spend rows, 0 otherwise. */
  const spendValue = sql<number>`(case when ${isSpend} then -${amount} else 0 end)`;
  const incomeValue = sql<number>`(case when ${isIncome} then ${amount} else 0 end)`;
  return {
    isSpend,
    isIncome,
    spendValue,
    incomeValue,
    /** Σ spend as a bigint (sum over bigint is numeric in PostgreSQL; the cast brings it back). */
    sumSpend: sql<number>`coalesce(sum(${spendValue}), 0)::bigint`,
    sumIncome: sql<number>`coalesce(sum(${incomeValue}), 0)::bigint`,
    /** Purchases: spend rows with money out (refunds are not purchases). */
    isPurchase: sql<SqlBool>`(${isSpend} and ${sign} < 0)`,
  };
}

/** The definition over individual entries (alias `t`, from `entries`), for lists and drill-downs. */
export const rowSpend = spendExpressions({
  amount: sql<number>`t.amount_minor`,
  sign: sql<number>`sign(t.amount_minor)`,
  transfer: sql<SqlBool>`(t.transfer_id is not null)`,
});

/** The definition over a metrics source (alias `t`): amounts are sums, rows are counted by `row_count`. */
export const sourceSpend = spendExpressions({
  amount: sql<number>`t.amount_minor`,
  sign: sql<number>`t.sign`,
  transfer: sql<SqlBool>`t.transfer`,
});

/**
 * Every entry, as a relation to select from and narrow with `ownEntries`: each unsplit
 * transaction, and each line of a split transaction with its transaction's date, account, text
 * and transfer id. `entry_id` is unique per entry (the transaction's id, or the line's), so keyset
 * pages can follow it.
 *
 * The first branch has no WHERE of its own on purpose: PostgreSQL flattens a `UNION ALL` branch
 * into its parent only when the branch is a single table without conditions, and only a flattened
 * branch can be read in index order (a page of 50 from the date or amount index, merged with the
 * few lines). The conditions (the user, and leaving out a split transaction's own row, which its
 * lines replace) come from the caller, and the planner pushes them into both branches.
 */
export function entries(db: Kysely<Database>) {
  const whole = db
    .selectFrom('transactions as x')
    .select([
      'x.user_id',
      'x.id',
      'x.id as entry_id',
      sql<number | null>`null::integer`.as('line_no'),
      'x.account_id',
      'x.occurred_on',
      'x.amount_minor',
      'x.amount_minor as transaction_amount_minor',
      'x.currency',
      'x.category_id',
      'x.payee',
      'x.description',
      'x.notes',
      sql<string | null>`null::text`.as('memo'),
      'x.transfer_id',
      'x.split as split_parent',
    ]);
  const lines = db
    .selectFrom('transaction_lines as l')
    .innerJoin('transactions as x', joinRow('x', 'l.transaction_id'))
    .select([
      'x.user_id',
      'x.id',
      'l.id as entry_id',
      sql<number | null>`l.line_no`.as('line_no'),
      'x.account_id',
      'x.occurred_on',
      'l.amount_minor',
      'x.amount_minor as transaction_amount_minor',
      'x.currency',
      'l.category_id',
      'x.payee',
      'x.description',
      'x.notes',
      sql<string | null>`l.memo`.as('memo'),
      'x.transfer_id',
      sql<boolean>`false`.as('split_parent'),
    ]);
  return whole.unionAll(lines);
}

/** The conditions that make `entries` (aliased `t`) one user's entries. */
function ownEntries<Q extends FilterableByRow>(query: Q, userId: string): Q {
  return query.where(sql<SqlBool>`t.user_id = ${userId}`).where(sql<SqlBool>`not t.split_parent`);
}

/** Number of transactions behind the matching source rows. */
export const countRows = (condition?: RawBuilder<SqlBool>) =>
  condition
    ? sql<number>`coalesce(sum(t.row_count) filter (where ${condition}), 0)::bigint`
    : sql<number>`coalesce(sum(t.row_count), 0)::bigint`;

/** Whether the per-day totals can answer this filter exactly. */
function totalsCanAnswer(filter: TransactionFilter): boolean {
  return (
    filter.minAmount === undefined &&
    filter.maxAmount === undefined &&
    filter.search === undefined &&
    filter.accountIds === undefined
  );
}

/** The rows every metrics source offers, whatever it reads. */
interface SourceRow {
  user_id: string;
  occurred_on: string;
  category_id: string | null;
  amount_minor: number;
  sign: number;
  row_count: number;
  transfer: boolean;
}
type SourceTable = AliasedSelectQueryBuilder<SourceRow, 't'>;

/** The finest period the rows of a metrics source must keep: days, or whole months where possible. */
export type Resolution = 'day' | 'month';

/**
 * The rows a metric aggregates for a filter: period totals when they can answer it, else the
 * entries, both as `t (occurred_on, category_id, amount_minor, sign, row_count, transfer)` joined
 * to the user's categories as `c`.
 */
export function metricsSource(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
  resolution: Resolution = 'month',
) {
  const source: SourceTable = totalsCanAnswer(filter)
    ? periodTotals(db, userId, filter, resolution).as('t')
    : narrowTransactions(
        ownEntries(
          db
            .selectFrom(entries(db).as('t'))
            .select([
              't.user_id',
              't.occurred_on',
              't.category_id',
              't.amount_minor',
              sql<number>`sign(t.amount_minor)`.as('sign'),
              sql<number>`1`.as('row_count'),
              sql<boolean>`t.transfer_id is not null`.as('transfer'),
            ]),
          userId,
        ),
        filter,
      ).as('t');
  return narrowByCategoryAndDate(
    db.selectFrom(source).leftJoin('categories as c', joinRow('c', 't.category_id')),
    filter,
    sourceSpend,
  );
}

/**
 * Whole months of the range from `monthly_totals`, the partial months at either end from
 * `daily_totals` (or days only, when asked for day resolution or when no whole month fits).
 */
function periodTotals(
  db: Kysely<Database>,
  userId: string,
  filter: TransactionFilter,
  resolution: Resolution,
) {
  // The totals of one period kind, in the shape of transactions rows; unused keys (totals of rows
  // deleted since stay as zeros) add nothing, so they are skipped.
  const totals = (
    period: 'day' | 'month',
    from: string | null | undefined,
    to: string | null | undefined,
  ) => {
    const column = sql.ref(period);
    return db
      .selectFrom(period === 'day' ? 'daily_totals' : 'monthly_totals')
      .select([
        'user_id',
        sql<string>`${column}`.as('occurred_on'),
        'category_id',
        'amount_sum as amount_minor',
        sql<number>`sign`.as('sign'),
        'row_count',
        'transfer',
      ])
      .where('user_id', '=', userId)
      .where('row_count', '>', 0)
      .$if(from != null, (query) => query.where(column, '>=', from!))
      .$if(to != null, (query) => query.where(column, '<=', to!));
  };
  const days = (from: string | undefined, to: string | undefined) => totals('day', from, to);
  const span = resolution === 'month' ? wholeMonths(filter.from, filter.to) : null;
  if (!span) return days(filter.from, filter.to);

  const months = totals('month', span.first, span.last);
  let source = months;
  if (filter.from !== undefined && span.first !== null && filter.from < span.first) {
    source = source.unionAll(days(filter.from, addDays(span.first, -1)));
  }
  if (filter.to !== undefined && span.last !== null) {
    const afterLast = nextBucketStart(span.last, 'month');
    if (afterLast <= filter.to) source = source.unionAll(days(afterLast, filter.to));
  }
  return source;
}

/** The first and last whole month inside the range (null = unbounded), or null if none fits. */
export function wholeMonths(
  from: string | undefined,
  to: string | undefined,
): { first: string | null; last: string | null } | null {
  const first =
    from === undefined
      ? null
      : from.endsWith('-01')
        ? from
        : nextBucketStart(bucketStart(from, 'month'), 'month');
  const last =
    to === undefined
      ? null
      : addDays(to, 1).endsWith('-01')
        ? bucketStart(to, 'month')
        : bucketStart(addDays(bucketStart(to, 'month'), -1), 'month');
  if (first !== null && last !== null && first > last) return null;
  return { first, last };
}

/** A user's entries as `t`, joined to their categories, narrowed by the whole filter (lists). */
export function matchingEntries(db: Kysely<Database>, userId: string, filter: TransactionFilter) {
  const query = ownEntries(
    db.selectFrom(entries(db).as('t')).leftJoin('categories as c', joinRow('c', 't.category_id')),
    userId,
  );
  return narrowByCategoryAndDate(narrowTransactions(query, filter), filter, rowSpend);
}

interface FilterableByRow {
  where(expression: Expression<SqlBool>): this;
}

/** Filters only the entries can answer: amounts (the entry's), text and accounts. */
function narrowTransactions<Q extends FilterableByRow>(query: Q, filter: TransactionFilter): Q {
  let narrowed = query;
  if (filter.accountIds !== undefined) {
    narrowed = narrowed.where(inList(sql`t.account_id`, filter.accountIds));
  }
  if (filter.minAmount !== undefined) {
    narrowed = narrowed.where(sql<SqlBool>`abs(t.amount_minor) >= ${filter.minAmount}`);
  }
  if (filter.maxAmount !== undefined) {
    narrowed = narrowed.where(sql<SqlBool>`abs(t.amount_minor) <= ${filter.maxAmount}`);
  }
  if (filter.search !== undefined) {
    const pattern = `%${escapeLike(filter.search)}%`;
    narrowed = narrowed.where(
      sql<SqlBool>`(t.payee ilike ${pattern} or t.description ilike ${pattern})`,
    );
  }
  return narrowed;
}

/** Filters both sources answer: dates, categories and kind. */
function narrowByCategoryAndDate<Q extends FilterableByRow>(
  query: Q,
  filter: TransactionFilter,
  spend: ReturnType<typeof spendExpressions>,
): Q {
  let narrowed = query;
  if (filter.from !== undefined)
    narrowed = narrowed.where(sql<SqlBool>`t.occurred_on >= ${filter.from}`);
  if (filter.to !== undefined)
    narrowed = narrowed.where(sql<SqlBool>`t.occurred_on <= ${filter.to}`);
  if (filter.categoryIds !== undefined || filter.includeUncategorized) {
    const inCategories = inList(sql`t.category_id`, filter.categoryIds ?? []);
    narrowed = narrowed.where(
      filter.includeUncategorized
        ? sql<SqlBool>`(${inCategories} or t.category_id is null)`
        : inCategories,
    );
  }
  if (filter.kind === 'spend') narrowed = narrowed.where(spend.isSpend);
  if (filter.kind === 'income') narrowed = narrowed.where(spend.isIncome);
  return narrowed;
}

function inList(column: RawBuilder<unknown>, values: string[]): RawBuilder<SqlBool> {
  return values.length === 0
    ? sql<SqlBool>`false`
    : sql<SqlBool>`${column} in (${sql.join(values)})`;
}

/** Escapes LIKE wildcards so a search for "50%" matches that text, not everything. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
