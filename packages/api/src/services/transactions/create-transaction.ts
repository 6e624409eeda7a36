import type {
  CreateTransactionInput,
  SplitLineInput,
  TransactionsWritten,
} from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import type { TransactionBrief } from '../history/describe.ts';
import { finishWrites } from '../history/write-checks.ts';
import { loadReferences } from '../references.ts';
import { payDueItems } from '../recurring/pay-due-items.ts';
import { transactionDetails } from './transaction-details.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

/**
 * Records one transaction, whole or split into lines, in the account's currency. Its account and
 * categories must be the caller's (NOT_FOUND otherwise, before anything is written).
 */
export async function createTransaction(
  db: Kysely<Database>,
  { user, ...input }: { user: Writer } & CreateTransactionInput,
): Promise<TransactionsWritten> {
  return inTransaction(db, async (trx) => {
    const { accounts } = await loadReferences(trx, user.id, {
      accountIds: [input.accountId],
      categoryIds: [input.categoryId, ...(input.splits ?? []).map((line) => line.categoryId)],
    });
    const brief = briefOf(input, accounts.get(input.accountId)!.currency);
    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      action: 'transactions.create',
      summary: { transaction: brief, lines: input.splits?.length ?? 0 },
    });
    const id = await insertTransaction(trx, { user, input, currency: brief.currency });
    // A payment of a bill pays its due item, in this change set (undo unpays it).
    await payDueItems(trx, { userId: user.id, transactionIds: [id] });
    return {
      changeSetId,
      description,
      transactions: await transactionDetails(trx, user.id, [id]),
    };
  });
}

/** What a change set's summary records about a transaction about to be written. */
export function briefOf(input: CreateTransactionInput, currency: string): TransactionBrief {
  return {
    payee: input.payee ?? null,
    description: input.description ?? null,
    occurredOn: input.occurredOn,
    amountMinor: input.amountMinor,
    currency,
  };
}

/**
 * Writes one transaction (and its lines) in the caller's change set, whose references the caller
 * has checked (`loadReferences`): the write of `transactions.create`, shared with writes that
 * record a transaction as part of a larger change (paying a due item).
 */
export async function insertTransaction(
  trx: Kysely<Database>,
  { user, input, currency }: { user: Writer; input: CreateTransactionInput; currency: string },
): Promise<string> {
  const { id } = await trx
    .insertInto('transactions')
    .values({
      user_id: user.id,
      account_id: input.accountId,
      occurred_on: input.occurredOn,
      amount_minor: input.amountMinor,
      currency,
      category_id: input.splits ? null : (input.categoryId ?? null),
      payee: input.payee ?? null,
      description: input.description ?? null,
      notes: input.notes ?? null,
      split: input.splits !== undefined,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.splits) await insertLines(trx, user.id, id, input.splits);
  await finishWrites(trx);
  return id;
}
/** Writes a split transaction's lines, numbered in the order given from `firstLineNo`. */
export async function insertLines(
  trx: Kysely<Database>,
  userId: string,
  transactionId: string,
  lines: readonly SplitLineInput[],
  firstLineNo = 1,
): Promise<void> {
  await trx
    .insertInto('transaction_lines')
    .values(
      lines.map((line, index) => ({
        user_id: userId,
        transaction_id: transactionId,
        line_no: firstLineNo + index,
        category_id: line.categoryId,
        amount_minor: line.amountMinor,
        memo: line.memo ?? null,
      })),
    )
    .execute();
}
