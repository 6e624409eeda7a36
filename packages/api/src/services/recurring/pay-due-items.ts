import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';

/** How far from its due day a payment may fall and still pay a due item: a week either way. */
export const MATCH_WINDOW_DAYS = 7;

/**
 * Marks paid the due items that new transactions pay, in the caller's change set (so undoing the
 * write makes them unpaid again). A transaction pays an upcoming item of a series on the same
 * account whose payee (or, without one, its name) the transaction's payee contains, ignoring
 * case — banks add numbers and places to a payee — with an amount within the series' tolerance,
 * due within MATCH_WINDOW_DAYS of the transaction's date. Each item is paid by one transaction
 * and each transaction pays one item: the pairs nearest in date go first (then the earlier due
 * day), so a statement of a year of rent pays each month with that month's payment. Returns how
 * many items were paid.
 */
export async function payDueItems(
  trx: Kysely<Database>,
  { userId, transactionIds }: { userId: string; transactionIds: readonly string[] },
): Promise<number> {
  if (transactionIds.length === 0) return 0;
  // Driven by the user's upcoming items (a few per series), each looking its candidates up on the
  // (account, amount, date) index; `offset 0` keeps the id test outside that lookup, where it is
  // a hashed membership test rather than a reason to walk the primary key once per id.
  const { rows: pairs } = await sql<{ dueId: string; transactionId: string }>`
    select d.id as "dueId", t.id as "transactionId"
    from due_items d
    join recurring_items r on r.user_id = d.user_id and r.id = d.recurring_id
    cross join lateral (
      select t.id, t.occurred_on, t.payee from transactions t
      where t.user_id = d.user_id and t.account_id = r.account_id
        and t.amount_minor between d.amount_minor - r.tolerance_minor
          and d.amount_minor + r.tolerance_minor
        and t.occurred_on between d.due_on - ${MATCH_WINDOW_DAYS}::int
          and d.due_on + ${MATCH_WINDOW_DAYS}::int
      offset 0
    ) t
    where d.user_id = ${userId} and d.status = 'upcoming'
      and t.id = any(${transactionIds}::uuid[])
      and strpos(lower(trim(t.payee)), lower(coalesce(r.payee, r.name))) > 0
    order by abs(d.due_on - t.occurred_on), d.due_on, d.id, t.occurred_on, t.id`.execute(trx);
  const paidBy = new Map<string, string>();
  const paying = new Set<string>();
  for (const { dueId, transactionId } of pairs) {
    if (paidBy.has(dueId) || paying.has(transactionId)) continue;
    paidBy.set(dueId, transactionId);
    paying.add(transactionId);
  }
  if (paidBy.size === 0) return 0;
  await sql`
    update due_items d set status = 'paid', transaction_id = p.transaction_id
    from unnest(${[...paidBy.keys()]}::uuid[], ${[...paidBy.values()]}::uuid[])
      as p (due_id, transaction_id)
    where d.user_id = ${userId} and d.id = p.due_id`.execute(trx);
  return paidBy.size;
}
