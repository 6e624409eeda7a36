import { addDays } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';

/** How far from its due day a payment may fall and still pay a due item: a week either way. */
export const MATCH_WINDOW_DAYS = 7;

/**
 * Marks paid the due item a new transaction pays, if one does, in the caller's change set (so
 * undoing the transaction makes the item unpaid again): an upcoming item of a series on the same
 * account whose payee (or, without one, its name) the transaction's payee contains, ignoring
 * case — banks add numbers and places to a payee — with an amount within the series' tolerance,
 * due within MATCH_WINDOW_DAYS of the transaction's date. Of several, the one due nearest the
 * date (then the earlier). Returns the due item's id, or null.
 */
export async function matchDueItem(
  trx: Kysely<Database>,
  {
    userId,
    transaction,
  }: {
    userId: string;
    transaction: {
      id: string;
      accountId: string;
      occurredOn: string;
      amountMinor: number;
      payee: string | null;
    };
  },
): Promise<string | null> {
  const payee = transaction.payee?.trim().toLowerCase();
  if (!payee) return null;
  const { rows } = await sql<{ id: string }>`
    select d.id
    from due_items d
    join recurring_items r on r.user_id = d.user_id and r.id = d.recurring_id
    where d.user_id = ${userId} and d.status = 'upcoming'
      and d.due_on between ${addDays(transaction.occurredOn, -MATCH_WINDOW_DAYS)}
        and ${addDays(transaction.occurredOn, MATCH_WINDOW_DAYS)}
      and r.account_id = ${transaction.accountId}
      and abs(d.amount_minor - ${transaction.amountMinor}) <= r.tolerance_minor
      and strpos(${payee}, lower(coalesce(r.payee, r.name))) > 0
    order by abs(d.due_on - ${transaction.occurredOn}::date), d.due_on, d.id
    limit 1`.execute(trx);
  const match = rows[0];
  if (!match) return null;
  await trx
    .updateTable('due_items')
    .set({ status: 'paid', transaction_id: transaction.id })
    .where('user_id', '=', userId)
    .where('id', '=', match.id)
    .execute();
  return match.id;
}
