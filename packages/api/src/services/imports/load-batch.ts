import type { Database } from '@outlay/db';
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../errors.ts';

export type ImportBatchRow = Selectable<Database['import_batches']>;

/**
 * The caller's batch, or NOT_FOUND: another user's batch is not found either (the row-level
 * security hides it, and the query names the user anyway). `forUpdate` locks it for a commit.
 */
export async function loadBatch(
  db: Kysely<Database>,
  { userId, batchId, forUpdate = false }: { userId: string; batchId: string; forUpdate?: boolean },
): Promise<ImportBatchRow> {
  let query = db
    .selectFrom('import_batches')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '=', batchId);
  if (forUpdate) query = query.forUpdate();
  const batch = await query.executeTakeFirst();
  if (!batch) throw new DomainError('NOT_FOUND', 'No such import');
  return batch;
}
