import type { ImportCommitInput, ImportCommitResult } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { databaseErrorOf, DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { finishWrites } from '../history/write-checks.ts';
import { payDueItems } from '../recurring/pay-due-items.ts';
import { importSummary } from './import-summary.ts';
import { loadBatch } from './load-batch.ts';

/** Rows a refusal of decisions names before "and N more". */
const ROWS_NAMED = 5;

/**
 * Applies a preview in one transaction and one change set (DESIGN §10): the person's decisions
 * first, then one `INSERT … SELECT` of the rows to add and one `UPDATE … FROM` of the rows to
 * merge (an update, so undo restores the exact row it was: the person's category, notes and
 * splits stay, the bank's date and id are taken). New rows pay the due items they match, as a
 * payment typed in would (DESIGN §12). Refused, with nothing written, when the batch
 * is not the caller's, is already committed, or the caller's data changed since the preview
 * (its matches may no longer hold).
 */
export async function commitImport(
  db: Kysely<Database>,
  { user, batchId, decisions = [] }: { user: Writer } & ImportCommitInput,
): Promise<ImportCommitResult> {
  return inTransaction(db, async (trx) => {
    const batch = await loadBatch(trx, { userId: user.id, batchId, forUpdate: true });
    if (batch.status === 'committed') {
      throw new DomainError(
        'CONFLICT',
        `${batch.file_name} is already imported; undo that import first, or preview the file again`,
      );
    }
    // The user's row lock (which opening the change set takes again) holds other writes of theirs
    // off from here to the commit, so the data the preview matched against cannot change midway.
    const { rows: versions } = await sql<{ data_version: number }>`
      select data_version from users where id = ${user.id} for no key update`.execute(trx);
    if (Number(versions[0]?.data_version) !== Number(batch.data_version)) {
      throw new DomainError(
        'CONFLICT',
        `Your transactions changed since ${batch.file_name} was previewed; preview it again before importing`,
      );
    }
    if (decisions.length > 0) await applyDecisions(trx, user.id, batchId, decisions);
    const { actions } = await importSummary(trx, { userId: user.id, batchId });
    const done = { inserted: actions.insert, merged: actions.merge, skipped: actions.skip };
    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      action: 'imports.commit',
      summary: { batchId, fileName: batch.file_name, ...done },
    });
    let billsPaid: number;
    try {
      const { rows: inserted } = await sql<{ id: string }>`
        insert into transactions (user_id, account_id, occurred_on, amount_minor, currency,
          payee, description, external_id)
        select r.user_id, a.id, r.occurred_on, r.amount_minor, a.currency, r.payee, r.description,
          r.external_id
        from import_rows r
        join accounts a on a.user_id = r.user_id and a.id = ${batch.account_id}
        where r.user_id = ${user.id} and r.batch_id = ${batchId} and r.decision = 'insert'
        order by r.row_no
        returning id`.execute(trx);
      // The bank's record of a bill pays its due item, as a payment typed in would.
      billsPaid = await payDueItems(trx, {
        userId: user.id,
        transactionIds: inserted.map((row) => row.id),
      });
      // A transfer keeps its date: its two rows share one.
      await sql`
        update transactions t set external_id = r.external_id, updated_at = now(),
          occurred_on = case when t.transfer_id is null then r.occurred_on else t.occurred_on end
        from import_rows r
        where r.user_id = ${user.id} and r.batch_id = ${batchId} and r.decision = 'merge'
          and t.user_id = ${user.id} and t.id = r.match_id`.execute(trx);
    } catch (error) {
      if (databaseErrorOf(error)?.constraint === 'transactions_account_external_key') {
        throw new DomainError(
          'CONFLICT',
          `Some rows of ${batch.file_name} were imported meanwhile; preview it again. Nothing was imported.`,
        );
      }
      throw error;
    }
    await finishWrites(trx);
    await trx
      .updateTable('import_batches')
      .set({
        status: 'committed',
        change_set_id: changeSetId,
        committed_at: sql`now()`,
        inserted_count: done.inserted,
        merged_count: done.merged,
        skipped_count: done.skipped,
      })
      .where('user_id', '=', user.id)
      .where('id', '=', batchId)
      .execute();
    return { batchId, changeSetId, description, ...done, billsPaid };
  });
}

/**
 * Sets the actions the person chose, after checking each can be done: the row exists, a merge
 * has a match to merge into, and a row already imported is not added again (its bank id is taken).
 */
async function applyDecisions(
  trx: Kysely<Database>,
  userId: string,
  batchId: string,
  decisions: NonNullable<ImportCommitInput['decisions']>,
): Promise<void> {
  const given = sql`json_to_recordset(${JSON.stringify(
    decisions.map((d) => ({ row_no: d.rowNo, action: d.action })),
  )}::json) as d (row_no integer, action text)`;
  const { rows: refused } = await sql<{ rowNo: number; problem: string }>`
    select * from (
      select d.row_no as "rowNo", case
          when r.row_no is null then 'is not in this file'
          when d.action = 'merge' and r.match_id is null then 'matches no existing row to merge with'
          when d.action = 'insert' and r.classification = 'alreadyImported'
            then 'is already imported, so it can only be skipped'
        end as problem
      from ${given}
      left join import_rows r on r.user_id = ${userId} and r.batch_id = ${batchId}
        and r.row_no = d.row_no
    ) checked
    where problem is not null
    order by "rowNo"`.execute(trx);
  if (refused.length > 0) {
    const named = refused.slice(0, ROWS_NAMED).map((row) => `row ${row.rowNo} ${row.problem}`);
    const more = refused.length - named.length;
    throw new DomainError(
      'BAD_INPUT',
      `Cannot apply the decisions: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}. Nothing was imported.`,
    );
  }
  await sql`
    update import_rows r set decision = d.action
    from ${given}
    where r.user_id = ${userId} and r.batch_id = ${batchId} and r.row_no = d.row_no`.execute(trx);
}
