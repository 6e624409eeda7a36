import { randomUUID } from 'node:crypto';
import type { CreateTransferInput, TransactionsWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { finishWrites } from '../history/write-checks.ts';
import { loadReferences } from '../references.ts';
import { transactionDetails } from '../transactions/transaction-details.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

/**
 * Moves money between two of the caller's accounts: two rows sharing a transfer id, out of one
 * and into the other, which count as neither spend nor income. Returns both, the row out first.
 */
export async function createTransfer(
  db: Kysely<Database>,
  { user, ...input }: { user: Writer } & CreateTransferInput,
): Promise<TransactionsWritten> {
  return inTransaction(db, async (trx) => {
    const { accounts } = await loadReferences(trx, user.id, {
      accountIds: [input.fromAccountId, input.toAccountId],
    });
    const from = accounts.get(input.fromAccountId)!;
    const to = accounts.get(input.toAccountId)!;
    if (from.currency !== to.currency) {
      throw new DomainError('BAD_INPUT', 'Both accounts of a transfer must use one currency');
    }
    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      action: 'transfers.create',
      summary: {
        transaction: {
          payee: input.payee ?? null,
          description: input.description ?? null,
          occurredOn: input.occurredOn,
          amountMinor: input.amountMinor,
          currency: from.currency,
        },
        fromAccount: from.name,
        toAccount: to.name,
      },
    });
    const transferId = randomUUID();
    const side = (account: typeof from, amount: number) => ({
      user_id: user.id,
      account_id: account.id,
      occurred_on: input.occurredOn,
      amount_minor: amount,
      currency: account.currency,
      payee: input.payee ?? null,
      description: input.description ?? null,
      notes: input.notes ?? null,
      transfer_id: transferId,
    });
    const rows = await trx
      .insertInto('transactions')
      .values([side(from, -input.amountMinor), side(to, input.amountMinor)])
      .returning(['id', 'amount_minor'])
      .execute();
    await finishWrites(trx);
    const ordered = [...rows].sort((a, b) => a.amount_minor - b.amount_minor).map((row) => row.id);
    return {
      changeSetId,
      description,
      transactions: await transactionDetails(trx, user.id, ordered),
    };
  });
}
