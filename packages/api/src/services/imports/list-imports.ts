import { IMPORT_BATCHES_LISTED, type ImportBatch } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { undoneChangeSets } from '../history/list-history.ts';

/**
 * The caller's newest import batches, previews and commits, with their counts. Whether a commit
 * is undone is read from the change sets, so undoing its undo (a redo) shows it imported again.
 */
export async function listImports(
  db: Kysely<Database>,
  { user }: { user: Writer },
): Promise<ImportBatch[]> {
  const batches = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('user_id', '=', user.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(IMPORT_BATCHES_LISTED)
    .execute();
  const undone = await undoneChangeSets(
    db,
    user.id,
    batches.flatMap((b) => (b.change_set_id ? [b.change_set_id] : [])),
  );
  return batches.map((b) => ({
    id: b.id,
    accountId: b.account_id,
    fileName: b.file_name,
    format: b.format,
    createdAt: b.created_at.toISOString(),
    status:
      b.status === 'preview'
        ? 'preview'
        : b.change_set_id && undone.has(b.change_set_id)
          ? 'undone'
          : 'committed',
    counts: {
      total: b.row_count,
      new: b.new_count,
      alreadyImported: b.already_imported_count,
      probable: b.probable_count,
      possible: b.possible_count,
    },
    inserted: b.inserted_count,
    merged: b.merged_count,
    skipped: b.skipped_count,
    changeSetId: b.change_set_id,
    committedAt: b.committed_at?.toISOString() ?? null,
  }));
}
