import { MAX_BULK_IDS, type TransactionIds, type TransactionIdsInput } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { matchingEntries } from '../metrics/spend.ts';

/**
 * The ids of the transactions behind a filter's entries (a split transaction once), newest
 * first, up to what one bulk update or delete takes: "select all matching" in a list. Walks the
 * entries in index order and stops after MAX_BULK_IDS + its lines, whatever the history's size.
 */
export async function listTransactionIds(
  db: Kysely<Database>,
  { user, filter }: { user: { id: string } } & TransactionIdsInput,
): Promise<TransactionIds> {
  const rows = await matchingEntries(db, user.id, filter)
    .select('t.id')
    .orderBy('t.occurred_on', 'desc')
    .orderBy('t.entry_id', 'desc')
    .limit(MAX_BULK_IDS * 2)
    .execute();
  const ids = [...new Set(rows.map((row) => row.id))];
  return {
    ids: ids.slice(0, MAX_BULK_IDS),
    truncated: ids.length > MAX_BULK_IDS || rows.length === MAX_BULK_IDS * 2,
  };
}
