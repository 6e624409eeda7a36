/**
 * Asking Actual a question through its own query layer, ActualQL (`q()` + `aqlQuery`), which is
 * what its reports and its transaction list use, in the same process (the API runs its engine
 * in-process: SQLite through better-sqlite3).
 *
 * - Spend: rows in an expense category (a refund there counts negative), or uncategorized money
 *   out that is not a transfer (a transfer's payee is an account). Income and transfers are not
 *   spend. Summed with `$sum`, as its reports do.
 * - Lists: as its own app asks in its default list mode, the "All accounts" register: every
 *   column, splits grouped under their parent (`splits: 'grouped'`), its default order (date
 *   descending, then sort order), paged by offset; the search box's filter matches payee,
 *   transfer account, notes, category and account names. `splits: 'inline'` is the same query
 *   without the grouping, kept for the record.
 */
import type { ActualApi, ActualQuery } from './actual-api.ts';
import { amount, breakdown, ids, UNCATEGORIZED, type Answer } from './answers.ts';
import type { Ask, QuestionFilter } from './questions.ts';

export type Splits = 'grouped' | 'inline';

/** Actual's account ids by name. */
export type ActualAccounts = ReadonlyMap<string, string>;

/**
 * Inside `$or`, ActualQL ORs the keys of an object too, so every conjunction is an explicit
 * `$and` of one-key objects.
 */
const SPEND = {
  $or: [
    { 'category.is_income': false },
    { $and: [{ category: null }, { amount: { $lt: 0 } }, { 'payee.transfer_acct': null }] },
  ],
};

/** The conditions of a filter, one-key objects for an `$and`. */
export function actualConditions(
  filter: QuestionFilter,
  accounts: ActualAccounts,
): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  if (filter.from !== undefined) conditions.push({ date: { $gte: filter.from } });
  if (filter.to !== undefined) conditions.push({ date: { $lte: filter.to } });
  if (filter.minAmount !== undefined) {
    conditions.push({ amount: { $transform: '$abs', $gte: filter.minAmount } });
  }
  if (filter.account !== undefined) {
    const id = accounts.get(filter.account);
    if (id === undefined) throw new Error(`Actual has no account "${filter.account}"`);
    conditions.push({ account: id });
  }
  if (filter.search !== undefined) {
    // The search box's filter (its app's transactionsSearch): an `$or` over these fields' text.
    const like = { $like: `%${filter.search}%` };
    conditions.push({
      $or: {
        'payee.name': like,
        'payee.transfer_acct.name': like,
        notes: like,
        'category.name': like,
        'account.name': like,
      },
    });
  }
  return conditions;
}

function transactions(api: ActualApi, conditions: Record<string, unknown>[]): ActualQuery {
  const query = api.q('transactions');
  if (conditions.length === 0) return query;
  // One condition goes in as its app writes it (the search box's `$or` on its own).
  return query.filter(conditions.length === 1 ? conditions[0]! : { $and: conditions });
}

export async function askActual(
  api: ActualApi,
  accounts: ActualAccounts,
  ask: Ask,
  splits: Splits = 'grouped',
): Promise<Answer> {
  const conditions = actualConditions(ask.filter, accounts);
  switch (ask.kind) {
    case 'total': {
      const { data } = await api.aqlQuery(
        transactions(api, [...conditions, SPEND]).calculate({ $sum: '$amount' }),
      );
      return amount(-((data as number | null) ?? 0));
    }
    case 'byCategory': {
      const { data } = await api.aqlQuery(
        transactions(api, [...conditions, SPEND])
          .groupBy(['category'])
          .select([{ category: { $id: '$category.name' } }, { amount: { $sum: '$amount' } }]),
      );
      return breakdown(
        (data as { category: string | null; amount: number }[]).map(
          (row) => [row.category ?? UNCATEGORIZED, -row.amount] as const,
        ),
      );
    }
    case 'byMonth': {
      const month = { $month: '$date' };
      const { data } = await api.aqlQuery(
        transactions(api, [...conditions, SPEND])
          .groupBy(month)
          .select([{ month }, { amount: { $sum: '$amount' } }]),
      );
      return breakdown(
        (data as { month: string; amount: number }[]).map(
          (row) => [row.month, -row.amount] as const,
        ),
      );
    }
    case 'page':
    case 'all': {
      let query = transactions(api, conditions).options({ splits }).select('*');
      if (ask.kind === 'page') {
        // Its app asks for the first page with a limit, and for later ones with an offset.
        if (ask.offset > 0) query = query.offset(ask.offset);
        query = query.limit(ask.limit);
      }
      const { data } = await api.aqlQuery(query);
      return ids((data as { id: string }[]).map((row) => row.id));
    }
  }
}
