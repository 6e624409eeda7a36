import type { UndoResult } from '@outlay/contracts';
import { inTransaction, openChangeSet, type Database } from '@outlay/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { databaseErrorOf, DomainError } from '../../errors.ts';
import { addressesById } from '../rows-by-id.ts';
import { actorOf, type Writer } from './actor.ts';
import { describeChangeSet, describeRow } from './describe.ts';
import { undoneChangeSets } from './list-history.ts';
import { LOGGED_TABLES, type LoggedTable } from './logged-tables.ts';
import { finishWrites } from './write-checks.ts';

/** Rows a conflict message names before "and N more". */
const CONFLICTS_NAMED = 5;

/**
 * Reverses a change set in one transaction, as a new change set that records what it undid (so
 * undoing it redoes). DESIGN §9:
 *
 * 1. The change set's log is folded to its net effect per row (`undo_net`): the first logged
 *    `before` and the last `after` (null = the row did not exist / does not exist).
 * 2. Every row must still be as the change set left it (`after`, compared as typed rows); any
 *    row changed, deleted or re-created since is a conflict, and the undo writes nothing.
 * 3. The inverse is applied set-based, one statement per table and kind: re-insert deleted rows
 *    (parents first), restore updated rows to `before`, delete inserted rows (children first).
 */
export async function undoChangeSet(
  db: Kysely<Database>,
  { user, changeSetId }: { user: Writer; changeSetId: string },
): Promise<UndoResult> {
  return inTransaction(db, async (trx) => {
    const target = await trx
      .selectFrom('change_sets')
      .select(['id', 'action', 'summary'])
      .where('user_id', '=', user.id)
      .where('id', '=', changeSetId)
      .executeTakeFirst();
    if (!target) throw new DomainError('NOT_FOUND', 'No such change in your history');
    const targetDescription = describeChangeSet(target.action, target.summary);
    const { rows: touched } = await sql<{ table_name: string }>`
      select distinct table_name from change_log
      where user_id = ${user.id} and change_set_id = ${changeSetId}`.execute(trx);
    const tables = LOGGED_TABLES.filter((table) => touched.some((t) => t.table_name === table));
    if (tables.length === 0) {
      throw new DomainError('BAD_INPUT', 'This change wrote nothing, so there is nothing to undo');
    }

    if ((await undoneChangeSets(trx, user.id, [changeSetId])).has(changeSetId)) {
      throw new DomainError('CONFLICT', `Already undone: ${targetDescription}`);
    }
    // Opening the change set takes the user's lock: no other write of theirs can change the rows
    // between the check below and the writes after it. A conflict rolls it back with the rest.
    const undoChangeSetId = await openChangeSet(trx, {
      user,
      actor: actorOf(user),
      action: 'history.undo',
      summary: { undoneAction: target.action, undoneDescription: targetDescription },
      undoes: changeSetId,
    });
    await foldNetEffect(trx, user.id, changeSetId);
    const conflicts: string[] = [];
    let conflictCount = 0;
    for (const table of tables) {
      const { rows } = await sql<{ label: Record<string, unknown> | null; n: number }>`
        select coalesce(to_json(cur), n.after) as label, count(*) over ()::int as n
        from undo_net n
        left join lateral (
          -- The user and id both come from the logged row, so the planner sees a lookup of one
          -- row by primary key, not a scan of the user's rows, whose count it may not know (a
          -- user who has just imported has no statistics yet); offset 0 keeps it a lookup.
          select * from ${sql.table(table)} t where t.user_id = n.user_id and t.id = n.id offset 0
        ) cur on true
        where n.table_name = ${table}
          and case when n.after is null then cur.id is not null
            when cur.id is null then true
            -- The same row prints the same: comparing text is the cheap test. Text can differ for
            -- equal values (a session in another time zone prints timestamps differently), so
            -- only a difference is checked again, as typed values.
            when to_json(cur)::text = n.after::text then false
            else cur is distinct from json_populate_record(null::${sql.table(table)}, n.after) end
        limit ${CONFLICTS_NAMED}`.execute(trx);
      conflictCount += rows[0]?.n ?? 0;
      conflicts.push(...rows.map((row) => describeRow(table, row.label)));
    }
    if (conflictCount > 0) {
      const named = conflicts.slice(0, CONFLICTS_NAMED);
      const more = conflictCount - named.length;
      throw new DomainError(
        'CONFLICT',
        `Cannot undo "${targetDescription}": ${listOf(named)}${more > 0 ? ` and ${more} more` : ''} changed after it. Nothing was undone.`,
      );
    }

    let rowCount = 0;
    try {
      for (const table of tables) {
        rowCount += await reinsertDeleted(trx, table);
      }
      for (const table of tables) {
        rowCount += await restoreUpdated(trx, user.id, table);
      }
      for (const table of [...tables].reverse()) {
        rowCount += await deleteInserted(trx, user.id, table);
      }
    } catch (error) {
      const code = databaseErrorOf(error)?.code;
      if (code === '23503') {
        throw new DomainError(
          'CONFLICT',
          `Cannot undo "${targetDescription}": rows added since depend on what it would remove. Nothing was undone.`,
        );
      }
      // Every row is as the change set left it (checked above), so a unique key that refuses is
      // a value it would bring back that another row has taken since.
      if (code === '23505') {
        throw new DomainError(
          'CONFLICT',
          `Cannot undo "${targetDescription}": what it would bring back clashes with something added since (a name now in use, for example). Nothing was undone.`,
        );
      }
      throw error;
    }
    await finishWrites(trx);
    return {
      changeSetId: undoChangeSetId,
      undoneId: changeSetId,
      description: describeChangeSet('history.undo', {
        undoneAction: target.action,
        undoneDescription: targetDescription,
      }),
      rowCount,
    };
  });
}

/**
 * `undo_net (table_name, id, before, after)`: the change set's net effect on each row it wrote,
 * in a temporary table indexed by row, dropped at commit. A table rather than a CTE because the
 * planner knows its size and can look rows up by key from either side: a user who has just
 * imported thousands of rows has no statistics yet, and a join against an unindexed CTE of the
 * same thousands of rows would compare every pair.
 */
async function foldNetEffect(
  trx: Kysely<Database>,
  userId: string,
  changeSetId: string,
): Promise<void> {
  await sql`drop table if exists pg_temp.undo_net`.execute(trx);
  await sql`create temporary table undo_net on commit drop as
    select table_name, user_id, (row_key ->> 'id')::uuid as id,
      (array_agg(before order by id))[1] as before,
      (array_agg(after order by id desc))[1] as after
    from change_log
    where user_id = ${userId} and change_set_id = ${changeSetId}
    group by table_name, user_id, (row_key ->> 'id')::uuid`.execute(trx);
  await sql`create index on undo_net (table_name, id)`.execute(trx);
  await sql`analyze undo_net`.execute(trx);
}

async function reinsertDeleted(trx: Kysely<Database>, table: LoggedTable): Promise<number> {
  const result = await sql`
    insert into ${sql.table(table)}
    select r.* from undo_net n
    cross join lateral json_populate_record(null::${sql.table(table)}, n.before) r
    where n.table_name = ${table} and n.after is null and n.before is not null`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

async function restoreUpdated(
  trx: Kysely<Database>,
  userId: string,
  table: LoggedTable,
): Promise<number> {
  const ids = await idsOf(trx, table, sql`before is not null and after is not null`);
  if (ids.length === 0) return 0;
  const columns = (await columnsOf(trx, table)).filter((c) => c !== 'user_id' && c !== 'id');
  const result = await sql`
    update ${sql.table(table)} as cur
    set (${sql.join(columns.map((c) => sql.ref(c)))}) = row(${sql.join(columns.map((c) => sql.ref(`r.${c}`)))})
    from undo_net n
    cross join lateral json_populate_record(null::${sql.table(table)}, n.before) r
    where n.table_name = ${table} and n.before is not null and n.after is not null
      and cur.user_id = ${userId} and cur.ctid = any(${addressesById(table, userId, ids)})
      and cur.id = n.id`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

async function deleteInserted(
  trx: Kysely<Database>,
  userId: string,
  table: LoggedTable,
): Promise<number> {
  const ids = await idsOf(trx, table, sql`before is null and after is not null`);
  if (ids.length === 0) return 0;
  const result = await sql`
    delete from ${sql.table(table)}
    where user_id = ${userId} and ctid = any(${addressesById(table, userId, ids)})`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The ids of the rows of one table in `undo_net` that match a condition. They travel to the
 * database again as a bound array: PostgreSQL looks a constant array up by hash and walks the
 * primary key with it, whatever it believes about the user's row count (a join can turn into a
 * scan of every row when the statistics are stale or the user has a million rows).
 */
async function idsOf(
  trx: Kysely<Database>,
  table: LoggedTable,
  condition: RawBuilder<unknown>,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from undo_net where table_name = ${table} and ${condition}`.execute(trx);
  return rows.map((row) => row.id);
}

/** A table's columns in order, from the catalog (so a column added later is restored too). */
async function columnsOf(trx: Kysely<Database>, table: LoggedTable): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped
    order by attnum`.execute(trx);
  return rows.map((row) => row.name);
}

function listOf(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
