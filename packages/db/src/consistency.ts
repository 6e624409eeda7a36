/**
 * Consistency checks of derived data, for tests and the bench: the period totals against a
 * recount of the rows they summarise.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Rows where the period totals differ from a recount of the user's entries (an unsplit
 * transaction, or each line of a split one; transfers kept apart), daily and monthly. Empty when
 * the totals are exact. Rows the triggers left at zero count as absent.
 */
export async function totalsDrift(db: Kysely<Database>, userId: string): Promise<unknown[]> {
  const { rows } = await sql`
    with entries as (
      select t.occurred_on as day, t.category_id, t.amount_minor, t.transfer_id is not null as transfer
      from transactions t where t.user_id = ${userId} and not t.split
      union all
      select t.occurred_on, l.category_id, l.amount_minor, t.transfer_id is not null
      from transaction_lines l join transactions t on t.user_id = l.user_id and t.id = l.transaction_id
      where l.user_id = ${userId} and t.split
    ), recount as (
      select 'day' as period, day as at, category_id, sign(amount_minor)::smallint as sign, transfer,
        sum(amount_minor)::bigint as amount, count(*)::bigint as n
      from entries group by 2, 3, 4, 5
      union all
      select 'month', date_trunc('month', day::timestamp)::date, category_id, sign(amount_minor)::smallint,
        transfer, sum(amount_minor)::bigint, count(*)::bigint
      from entries group by 2, 3, 4, 5
    ), kept as (
      select 'day' as period, day as at, category_id, sign, transfer, amount_sum as amount, row_count as n
      from daily_totals where user_id = ${userId} and (amount_sum <> 0 or row_count <> 0)
      union all
      select 'month', month, category_id, sign, transfer, amount_sum, row_count
      from monthly_totals where user_id = ${userId} and (amount_sum <> 0 or row_count <> 0)
    )
    select r.period as recounted_period, r.at::text as recounted_at, r.amount as recounted, r.n as recounted_n,
      k.period as kept_period, k.at::text as kept_at, k.amount as kept, k.n as kept_n
    from recount r
    full join kept k on k.period = r.period and k.at = r.at and k.sign = r.sign
      and k.transfer = r.transfer and k.category_id is not distinct from r.category_id
    where r.period is null or k.period is null or r.amount <> k.amount or r.n <> k.n`.execute(db);
  return rows;
}
