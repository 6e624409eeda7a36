import {
  CHANGE_SET_PREVIEW_ROWS,
  type ChangeRow,
  type ChangeSetEntry,
  type HistoryListInput,
  type HistoryPage,
} from '@outlay/contracts';
import type { ChangeLogRow, Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { describeChangeSet, describeRow } from './describe.ts';

/** Change sets, newest first, each described in words with its first rows and how many it wrote. */
export async function listHistory(
  db: Kysely<Database>,
  { user, cursor, limit }: { user: { id: string } } & HistoryListInput,
): Promise<HistoryPage> {
  const after = cursor ? decodeHistoryCursor(cursor) : null;
  const sets = await db
    .selectFrom('change_sets as s')
    .select([
      's.id',
      's.at',
      's.actor_kind as actorKind',
      's.actor_id as actorId',
      's.action',
      's.summary',
      's.undoes_id as undoesId',
      // Exact to the microsecond, for the cursor (a JavaScript Date keeps milliseconds).
      sql<string>`to_char(s.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('atExact'),
      sql<number>`(select count(*) from change_log l
        where l.user_id = s.user_id and l.change_set_id = s.id)::int`.as('rowCount'),
    ])
    .where('s.user_id', '=', user.id)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb(
          eb.refTuple('s.at', 's.id'),
          '<',
          eb.tuple(sql<Date>`${after!.at}::timestamptz`, sql<string>`${after!.id}::uuid`),
        ),
      ),
    )
    .orderBy('s.at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = sets.slice(0, limit);
  const ids = page.map((set) => set.id);
  const [previews, undone] = [
    await previewRows(db, user.id, ids),
    await undoneChangeSets(db, user.id, ids),
  ];
  const items: ChangeSetEntry[] = page.map((set) => ({
    id: set.id,
    at: new Date(set.at).toISOString(),
    actor: { kind: set.actorKind, id: set.actorId },
    action: set.action,
    description: describeChangeSet(set.action, set.summary),
    summary: set.summary,
    undoesId: set.undoesId,
    undone: undone.has(set.id),
    rowCount: set.rowCount,
    rows: previews.get(set.id) ?? [],
  }));
  const last = page.at(-1);
  const nextCursor =
    sets.length > limit && last
      ? Buffer.from(JSON.stringify([last.atExact, last.id])).toString('base64url')
      : null;
  return { items, nextCursor };
}

const HistoryCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

function decodeHistoryCursor(text: string): { at: string; id: string } {
  try {
    const [at, id] = HistoryCursor.parse(
      JSON.parse(Buffer.from(text, 'base64url').toString('utf8')),
    );
    return { at, id };
  } catch {
    throw new DomainError('BAD_INPUT', 'Invalid cursor');
  }
}

/** The first rows of each change set, in one query. */
async function previewRows(
  db: Kysely<Database>,
  userId: string,
  changeSetIds: readonly string[],
): Promise<Map<string, ChangeRow[]>> {
  const byChangeSet = new Map<string, ChangeRow[]>();
  if (changeSetIds.length === 0) return byChangeSet;
  const { rows } = await sql<ChangeLogRow>`
    select l.* from unnest(${changeSetIds}::uuid[]) as s(id)
    cross join lateral (
      select * from change_log
      where user_id = ${userId} and change_set_id = s.id
      order by id limit ${CHANGE_SET_PREVIEW_ROWS}
    ) l`.execute(db);
  for (const row of rows) {
    const list = byChangeSet.get(row.change_set_id) ?? [];
    list.push(toChangeRow(row));
    byChangeSet.set(row.change_set_id, list);
  }
  return byChangeSet;
}

export function toChangeRow(row: ChangeLogRow): ChangeRow {
  return {
    table: row.table_name,
    op: row.op,
    rowId: String(row.row_key.id),
    label: describeRow(row.table_name, row.after ?? row.before),
    before: row.before,
    after: row.after,
  };
}

/**
 * Which of these change sets are undone now: a later change set undid one, and that undo was not
 * itself undone (undoing an undo redoes). Walks the chains of undos in one recursive query.
 */
export async function undoneChangeSets(
  db: Kysely<Database>,
  userId: string,
  changeSetIds: readonly string[],
): Promise<Set<string>> {
  if (changeSetIds.length === 0) return new Set();
  const { rows } = await sql<{ id: string; undoes_id: string }>`
    with recursive chain as (
      select id, undoes_id from change_sets
      where user_id = ${userId} and undoes_id = any(${changeSetIds}::uuid[])
      union
      select s.id, s.undoes_id from change_sets s
      join chain on s.undoes_id = chain.id
      where s.user_id = ${userId}
    )
    select id, undoes_id from chain`.execute(db);
  const undoers = new Map<string, string[]>();
  for (const row of rows) {
    undoers.set(row.undoes_id, [...(undoers.get(row.undoes_id) ?? []), row.id]);
  }
  const memo = new Map<string, boolean>();
  const isUndone = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const result = (undoers.get(id) ?? []).some((undoer) => !isUndone(undoer));
    memo.set(id, result);
    return result;
  };
  return new Set(changeSetIds.filter(isUndone));
}
