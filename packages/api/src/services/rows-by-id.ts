import { type RawBuilder, sql } from 'kysely';
import type { LoggedTable } from './history/logged-tables.ts';

/**
 * A user's rows found by id, each through the primary key, whatever the planner believes about
 * how many rows the user has. Given `user_id = $1 and id = any($2)`, PostgreSQL may prefer to read
 * every row of a user with a million rows (its default cost model prices 10,000 key lookups above
 * a scan), or, for a user too new to have statistics, take any index on `user_id` and compare
 * every row with every id. Here each id is looked up on its own: the user comes from a column of
 * the id list (kept apart by `offset 0`, so it is not folded into a constant the statistics
 * misjudge), and the lookup is a lateral subquery the planner cannot turn into a scan.
 */
export function rowsById(
  table: LoggedTable,
  userId: string,
  ids: readonly string[],
  /** What to select of each row `t` (its address is `t.row_address`). */
  columns: RawBuilder<unknown> = sql`t.*`,
): RawBuilder<unknown> {
  return sql`(
    select ${columns} from (
      select ${userId}::uuid as user_id, id from unnest(${ids}::uuid[]) as id offset 0
    ) w
    cross join lateral (
      select r.ctid as row_address, r.* from ${sql.table(table)} r
      where r.user_id = w.user_id and r.id = w.id offset 0
    ) t
  )`;
}

/**
 * The physical addresses of those rows, for an UPDATE or DELETE to reach them directly (a TID
 * scan). Only valid within the transaction that holds the user's lock (openChangeSet), so no
 * other write moves them between this lookup and the statement that uses it.
 */
export function addressesById(
  table: LoggedTable,
  userId: string,
  ids: readonly string[],
): RawBuilder<unknown> {
  return sql`array(select row_address from ${rowsById(table, userId, ids, sql`t.row_address`)} as found)`;
}
