import type { UndoResult } from '@outlay/contracts';
import { inTransaction, openChangeSet, type Database } from '@outlay/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { databaseErrorOf, DomainError } from '../../errors.ts';
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
 * 2. The inverse is applied set-based, one statement per table and kind: re-insert deleted rows
 *    (parents first), restore updated rows to `before`, delete inserted rows (children first).
 *    Each restore and delete reaches only rows still exactly as the change set left them
 *    (`after`, compared as typed rows).
 * 3. If any statement reached fewer rows than the change set wrote, or the database refused one,
 *    a row changed, was deleted or was re-created since: the writes are rolled back to a
 *    savepoint, the rows that changed are named, and the undo writes nothing. Checking inside the
 *    writes, rather than in a pass of its own before them, reads each row once.
 */
export async function undoChangeSet(
  db: Kysely<Database>,
  { user, changeSetId }: { user: Writer; changeSetId: string },
): Promise<UndoResult> {
  return inTransaction(db, async (trx) => {
    const target = await trx
      .selectFrom('change_sets as s')
      .select(['s.id', 's.action', 's.summary', writerXmin.as('writerXmin')])
      .where('s.user_id', '=', user.id)
      .where('s.id', '=', changeSetId)
      .executeTakeFirst();
    if (!target) throw new DomainError('NOT_FOUND', 'No such change in your history');
    const targetDescription = describeChangeSet(target.action, target.summary);
    if ((await undoneChangeSets(trx, user.id, [changeSetId])).has(changeSetId)) {
      throw new DomainError('CONFLICT', `Already undone: ${targetDescription}`);
    }
    // The log of a change set never changes once it is committed, so it can be folded before
    // the lock below is taken.
    const net = await foldNetEffect(trx, user.id, changeSetId);
    const tables = LOGGED_TABLES.filter((table) => net.has(table));
    if (tables.length === 0) {
      throw new DomainError('BAD_INPUT', 'This change wrote nothing, so there is nothing to undo');
    }
    // Opening the change set takes the user's lock: no other write of theirs can change the rows
    // between the writes below and the commit.
    const undoChangeSetId = await openChangeSet(trx, {
      user,
      actor: actorOf(user),
      action: 'history.undo',
      summary: { undoneAction: target.action, undoneDescription: targetDescription },
      undoes: changeSetId,
    });

    await sql`savepoint undo_writes`.execute(trx);
    let refused: 'changed' | '23503' | '23505' | undefined;
    let rowCount = 0;
    try {
      const written = async (expected: number, write: () => Promise<number>) => {
        if (expected === 0 || refused) return;
        const n = await write();
        rowCount += n;
        if (n !== expected) refused = 'changed';
      };
      for (const table of tables) {
        const counts = net.get(table)!;
        await written(counts.reinserts, () => reinsertDeleted(trx, table));
      }
      for (const table of tables) {
        const counts = net.get(table)!;
        await written(counts.restores, () => restoreUpdated(trx, table, target.writerXmin));
      }
      for (const table of [...tables].reverse()) {
        const counts = net.get(table)!;
        await written(counts.removals, () => deleteInserted(trx, table, target.writerXmin));
      }
    } catch (error) {
      const code = databaseErrorOf(error)?.code;
      if (code !== '23503' && code !== '23505') throw error;
      refused = code;
    }
    if (refused) {
      await sql`rollback to savepoint undo_writes`.execute(trx);
      await refuse(trx, tables, targetDescription, refused);
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
 * Says why an undo cannot be done, as a CONFLICT: the rows that changed since the change set
 * (checked with nothing written, after the rollback), else what the database refused.
 */
async function refuse(
  trx: Kysely<Database>,
  tables: readonly LoggedTable[],
  targetDescription: string,
  refused: 'changed' | '23503' | '23505',
): Promise<never> {
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
          else not ${sameAsAfter(table, sql`cur`, null)} end
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
  if (refused === '23503') {
    throw new DomainError(
      'CONFLICT',
      `Cannot undo "${targetDescription}": rows added since depend on what it would remove. Nothing was undone.`,
    );
  }
  // Every row is as the change set left it (checked above), so a unique key that refuses is a
  // value it would bring back that another row has taken since.
  if (refused === '23505') {
    throw new DomainError(
      'CONFLICT',
      `Cannot undo "${targetDescription}": what it would bring back clashes with something added since (a name now in use, for example). Nothing was undone.`,
    );
  }
  // A write reached fewer rows than it should, and yet no row differs: only a bug gets here.
  throw new Error(`Undo of ${targetDescription} reached fewer rows than its change set wrote`);
}

/**
 * The transaction id that the rows a change set wrote carry as `xmin` until they are written
 * again, as the 32-bit `xid` a row shows; null when it cannot be trusted alone. A row whose
 * `xmin` is that id is exactly as the change set left it: every later write makes a new row
 * version with its own transaction's id. It holds when the change set is the only one its
 * transaction made (else another change set of the same transaction could have written the row
 * after it), and while fewer than 2³² transactions have run since (after that, a 32-bit id
 * repeats). Change sets older than the `xid` column have none.
 */
const writerXmin = sql<string | null>`case
  when s.xid is not null
    and pg_current_xact_id()::text::numeric - s.xid::text::numeric < 4294967296
    and (select count(*) from change_sets o where o.user_id = s.user_id and o.xid = s.xid) = 1
  then xid(s.xid)::text end`;

/**
 * Whether the current row `row` (of `table`, joined to `undo_net n`) is exactly as the change
 * set left it. When the row is the version the change set's transaction wrote (`xmin`, given a
 * `writerXmin`), it is, with nothing to compare. Otherwise the same row prints the same:
 * comparing text is the cheap test. Text can differ for equal values (a session in another time
 * zone prints timestamps differently), so only a difference is checked again, as typed values.
 */
function sameAsAfter(
  table: LoggedTable,
  row: RawBuilder<unknown>,
  writerXmin: string | null,
): RawBuilder<boolean> {
  const written = writerXmin === null ? sql`false` : sql`${row}.xmin = ${writerXmin}::xid`;
  return sql<boolean>`case when ${written} then true
    when to_json(${row})::text = n.after::text then true
    else ${row} is not distinct from json_populate_record(null::${sql.table(table)}, n.after) end`;
}

interface NetCounts {
  /** Rows the change set deleted: re-inserted. */
  reinserts: number;
  /** Rows it updated: restored. */
  restores: number;
  /** Rows it inserted: deleted. */
  removals: number;
}

/**
 * `undo_net (table_name, user_id, id, before, after)`: the change set's net effect on each row it
 * wrote, in a temporary table dropped at commit; and how many rows of each table each kind of
 * write reaches. It is only ever read from start to end, each of its rows leading to one row of
 * a user's table by primary key (`addressOf`), so it needs neither an index nor statistics.
 */
async function foldNetEffect(
  trx: Kysely<Database>,
  userId: string,
  changeSetId: string,
): Promise<Map<LoggedTable, NetCounts>> {
  await sql`drop table if exists pg_temp.undo_net`.execute(trx);
  await sql`create temporary table undo_net on commit drop as
    select table_name, user_id, (row_key ->> 'id')::uuid as id,
      (array_agg(before order by id))[1] as before,
      (array_agg(after order by id desc))[1] as after
    from change_log
    where user_id = ${userId} and change_set_id = ${changeSetId}
    group by table_name, user_id, (row_key ->> 'id')::uuid`.execute(trx);
  const { rows } = await sql<{ table_name: LoggedTable } & NetCounts>`
    select table_name,
      count(*) filter (where after is null and before is not null)::int as reinserts,
      count(*) filter (where before is not null and after is not null)::int as restores,
      count(*) filter (where before is null and after is not null)::int as removals
    from undo_net group by table_name`.execute(trx);
  // A row the change set both inserted and deleted nets to nothing: its table has nothing to undo.
  return new Map(
    rows
      .filter((row) => row.reinserts + row.restores + row.removals > 0)
      .map(({ table_name, ...counts }) => [table_name, counts]),
  );
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
  table: LoggedTable,
  writerXmin: string | null,
): Promise<number> {
  const columns = (await columnsOf(trx, table)).filter((c) => c !== 'user_id' && c !== 'id');
  const result = await sql`
    update ${sql.table(table)} as cur
    set (${sql.join(columns.map((c) => sql.ref(c)))}) = row(${sql.join(columns.map((c) => sql.ref(`r.${c}`)))})
    from undo_net n
    cross join lateral ${addressOf(table)} a
    cross join lateral json_populate_record(null::${sql.table(table)}, n.before) r
    where n.table_name = ${table} and n.before is not null and n.after is not null
      and cur.ctid = a.address and cur.user_id = n.user_id
      and ${sameAsAfter(table, sql`cur`, writerXmin)}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

async function deleteInserted(
  trx: Kysely<Database>,
  table: LoggedTable,
  writerXmin: string | null,
): Promise<number> {
  const result = await sql`
    delete from ${sql.table(table)} as cur
    using undo_net n
    cross join lateral ${addressOf(table)} a
    where n.table_name = ${table} and n.before is null and n.after is not null
      and cur.ctid = a.address and cur.user_id = n.user_id
      and ${sameAsAfter(table, sql`cur`, writerXmin)}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The physical address of the row of `table` that the `undo_net n` row names, for an UPDATE or
 * DELETE to reach it directly (a TID scan). The user and id both come from the logged row and
 * `offset 0` keeps the lookup a lateral one, so each row is found by primary key on its own,
 * whatever the planner believes about how many rows the user has (a join could turn into a scan
 * of all of them when the statistics are stale or the user has a million rows). Valid only under
 * the user's lock, which the undo holds.
 */
function addressOf(table: LoggedTable): RawBuilder<unknown> {
  return sql`(
    select t.ctid as address from ${sql.table(table)} t
    where t.user_id = n.user_id and t.id = n.id offset 0)`;
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
