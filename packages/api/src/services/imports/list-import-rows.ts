import type { ImportRow, ImportRowsInput, ImportRowsPage } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { loadBatch } from './load-batch.ts';

/** A page of a preview's rows in file order, optionally of one classification, with their matches. */
export async function listImportRows(
  db: Kysely<Database>,
  { user, batchId, classification, cursor, limit }: { user: Writer } & ImportRowsInput,
): Promise<ImportRowsPage> {
  await loadBatch(db, { userId: user.id, batchId });
  const { rows } = await sql<{
    rowNo: number;
    line: number | null;
    occurredOn: string;
    amountMinor: number;
    payee: string | null;
    description: string | null;
    externalId: string;
    classification: ImportRow['classification'];
    confidence: number;
    reason: string;
    action: ImportRow['action'];
    matchId: string | null;
    matchOccurredOn: string | null;
    matchAmountMinor: number | null;
    matchPayee: string | null;
    matchDescription: string | null;
    matchCategoryId: string | null;
    matchNotes: string | null;
    matchExternalId: string | null;
  }>`
    select r.row_no as "rowNo", r.line, r.occurred_on as "occurredOn",
      r.amount_minor as "amountMinor", r.payee, r.description, r.external_id as "externalId",
      r.classification, r.confidence, r.reason, r.decision as action,
      t.id as "matchId", t.occurred_on as "matchOccurredOn", t.amount_minor as "matchAmountMinor",
      t.payee as "matchPayee", t.description as "matchDescription",
      t.category_id as "matchCategoryId", t.notes as "matchNotes",
      t.external_id as "matchExternalId"
    from import_rows r
    left join transactions t on t.user_id = r.user_id and t.id = r.match_id
    where r.user_id = ${user.id} and r.batch_id = ${batchId}
      and r.row_no > ${cursor ?? 0}
      ${classification ? sql`and r.classification = ${classification}` : sql``}
    order by r.row_no
    limit ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({
      rowNo: row.rowNo,
      line: row.line,
      occurredOn: row.occurredOn,
      amountMinor: Number(row.amountMinor),
      payee: row.payee,
      description: row.description,
      bankId: bankIdOf(row.externalId),
      classification: row.classification,
      confidence: row.confidence,
      reason: row.reason,
      action: row.action,
      match:
        row.matchId === null
          ? null
          : {
              id: row.matchId,
              occurredOn: row.matchOccurredOn!,
              amountMinor: Number(row.matchAmountMinor),
              payee: row.matchPayee,
              description: row.matchDescription,
              categoryId: row.matchCategoryId,
              notes: row.matchNotes,
              externalId: bankIdOf(row.matchExternalId),
            },
    })),
    nextCursor: rows.length > limit ? page.at(-1)!.rowNo : null,
  };
}

/** The bank's id, or null where a fingerprint stands in for a row without one. */
function bankIdOf(externalId: string | null): string | null {
  return externalId === null || externalId.startsWith('fp:') ? null : externalId;
}
