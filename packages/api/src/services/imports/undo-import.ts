import type { ImportBatchInput, UndoResult } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { undoChangeSet } from '../history/undo-change-set.ts';
import { loadBatch } from './load-batch.ts';

/**
 * Undoes a committed import through its change set, as History would (`history.undo`): inserted
 * rows go, merged rows return to exactly what they were, and undoing the undo imports it again.
 */
export async function undoImport(
  db: Kysely<Database>,
  { user, batchId }: { user: Writer } & ImportBatchInput,
): Promise<UndoResult> {
  const batch = await loadBatch(db, { userId: user.id, batchId });
  if (batch.change_set_id === null) {
    throw new DomainError('CONFLICT', `${batch.file_name} is not imported yet: nothing to undo`);
  }
  return undoChangeSet(db, { user, changeSetId: batch.change_set_id });
}
