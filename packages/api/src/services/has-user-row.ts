import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';

/**
 * Whether `table` has a row with these column values (the user's id among them): the one
 * existence probe services make before refusing (a change set that is not theirs, a category that
 * still holds others, an account that has transactions). Reads one index entry at most.
 */
export async function hasUserRow(
  db: Kysely<Database>,
  table: keyof Database,
  where: { user_id: string } & Record<string, string>,
): Promise<boolean> {
  const conditions = Object.entries(where).map(
    ([column, value]) => sql`${sql.ref(column)} = ${value}`,
  );
  const { rows } = await sql`
    select 1 from ${sql.table(table)} where ${sql.join(conditions, sql` and `)} limit 1`.execute(
    db,
  );
  return rows.length > 0;
}
