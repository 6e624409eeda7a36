import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';

/**
 * Whether the user has a row in `table` whose `column` equals `value`: the one existence probe
 * services make before refusing (a change set that is not theirs, a category that still holds
 * others, an account that has transactions). Reads one index entry at most.
 */
export async function hasUserRow(
  db: Kysely<Database>,
  {
    userId,
    table,
    column,
    value,
  }: { userId: string; table: keyof Database; column: string; value: string },
): Promise<boolean> {
  const { rows } = await sql`
    select 1 from ${sql.table(table)}
    where user_id = ${userId} and ${sql.ref(column)} = ${value} limit 1`.execute(db);
  return rows.length > 0;
}
