import type { ImportActionCounts, ImportCounts } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';

/** A preview's rows counted by classification and by what the commit will do with them. */
export async function importSummary(
  trx: Kysely<Database>,
  { userId, batchId }: { userId: string; batchId: string },
): Promise<{ counts: ImportCounts; actions: ImportActionCounts }> {
  const { rows } = await sql<{ classification: string; decision: string; n: number }>`
    select classification, decision, count(*)::int as n from import_rows
    where user_id = ${userId} and batch_id = ${batchId}
    group by 1, 2`.execute(trx);
  const counts: ImportCounts = { total: 0, new: 0, alreadyImported: 0, probable: 0, possible: 0 };
  const actions: ImportActionCounts = { insert: 0, merge: 0, skip: 0 };
  for (const row of rows) {
    counts.total += row.n;
    counts[row.classification as keyof Omit<ImportCounts, 'total'>] += row.n;
    actions[row.decision as keyof ImportActionCounts] += row.n;
  }
  return { counts, actions };
}
