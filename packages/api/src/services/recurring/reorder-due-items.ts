import type { DueItemsReordered, ReorderDueItemsInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

/**
 * Persists the order a person dragged due items into: each item's place in `ids` becomes its
 * position, which orders the items of one day (days stay in date order). Every id must be one of
 * the caller's due items (NOT_FOUND otherwise, before anything is written).
 */
export async function reorderDueItems(
  db: Kysely<Database>,
  { user, ids }: { user: Writer } & ReorderDueItemsInput,
): Promise<DueItemsReordered> {
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('due_items')
      .select('id')
      .where('user_id', '=', user.id)
      .where('id', 'in', ids)
      .execute();
    if (found.length !== ids.length) throw new DomainError('NOT_FOUND', 'Due item not found');
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'dueItems.reorder',
      summary: { count: ids.length },
    });
    await sql`update due_items d set position = u.position
      from unnest(${ids}::uuid[]) with ordinality as u(id, position)
      where d.user_id = ${user.id} and d.id = u.id
        and d.position is distinct from u.position::int`.execute(trx);
    return { ...change, ids };
  });
}
