import type { HistoryRowsInput, HistoryRowsPage } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import { toChangeRow } from './list-history.ts';
import { hasUserRow } from '../has-user-row.ts';

/** Every row a change set wrote, in the order written, a page at a time. */
export async function listChangeRows(
  db: Kysely<Database>,
  { user, changeSetId, cursor, limit }: { user: { id: string } } & HistoryRowsInput,
): Promise<HistoryRowsPage> {
  const exists = await hasUserRow(db, 'change_sets', { user_id: user.id, id: changeSetId });
  if (!exists) throw new DomainError('NOT_FOUND', 'No such change in your history');
  const after = cursor === undefined || cursor === null ? null : Number(cursor);
  if (after !== null && !Number.isSafeInteger(after)) {
    throw new DomainError('BAD_INPUT', 'Invalid cursor');
  }
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('user_id', '=', user.id)
    .where('change_set_id', '=', changeSetId)
    .$if(after !== null, (q) => q.where('id', '>', after!))
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map(toChangeRow),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}
