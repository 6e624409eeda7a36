import { PAYEE_HISTORY, type PayeeSuggestion, type PayeeSuggestionsInput } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';

/**
 * Payees from the user's latest transactions, most recently used first, each with the category
 * and account its latest transaction used, so quick entry can fill them in. Drawn from the
 * latest PAYEE_HISTORY transactions (an index walk), so a keystroke costs the same at any size.
 */
export async function suggestPayees(
  db: Kysely<Database>,
  { user, prefix, limit }: { user: { id: string } } & PayeeSuggestionsInput,
): Promise<PayeeSuggestion[]> {
  const pattern = prefix === undefined ? null : `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await sql<PayeeSuggestion>`
    select payee, "categoryId", "accountId", "lastUsedOn" from (
      select distinct on (lower(payee)) payee, category_id as "categoryId",
        account_id as "accountId", occurred_on as "lastUsedOn"
      from (
        select payee, category_id, account_id, occurred_on, id from transactions
        where user_id = ${user.id} and transfer_id is null
        order by occurred_on desc, id desc
        limit ${PAYEE_HISTORY}
      ) recent
      where payee is not null and (${pattern}::text is null or payee ilike ${pattern})
      order by lower(payee), occurred_on desc, id desc
    ) latest
    order by "lastUsedOn" desc, payee
    limit ${limit}`.execute(db);
  return rows;
}
