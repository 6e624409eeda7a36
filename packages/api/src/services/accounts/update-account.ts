import type { AccountWritten, UpdateAccountInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import type { Writer } from '../history/actor.ts';
import { fieldsOf } from '../history/describe.ts';
import {
  ACCOUNT_COLUMNS,
  assertAccountNameFree,
  findAccount,
  accountWritten,
} from './account-rules.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';
import { hasUserRow } from '../has-user-row.ts';

/** Renames or re-describes an account. Its currency can change only while it has no transactions. */
export async function updateAccount(
  db: Kysely<Database>,
  { user, id, patch }: { user: Writer } & UpdateAccountInput,
): Promise<AccountWritten> {
  return inTransaction(db, async (trx) => {
    const current = await findAccount(trx, user.id, id);
    if (patch.name !== undefined) await assertAccountNameFree(trx, user.id, patch.name, id);
    if (patch.currency !== undefined && patch.currency !== current.currency) {
      const used = await hasUserRow(trx, 'transactions', { user_id: user.id, account_id: id });
      if (used) {
        throw new DomainError(
          'BAD_INPUT',
          `'${current.name}' has transactions in ${current.currency}: its currency cannot change`,
        );
      }
    }
    const fields = fieldsOf(patch);
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'accounts.update',
      summary: {
        name: current.name,
        fields,
        ...(fields.length === 1 && patch.name !== undefined ? { renamedTo: patch.name } : {}),
      },
    });
    const row = await trx
      .updateTable('accounts')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
        ...(patch.openingBalanceMinor !== undefined
          ? { opening_balance_minor: patch.openingBalanceMinor }
          : {}),
        ...(patch.openedOn !== undefined ? { opened_on: patch.openedOn } : {}),
      })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .returning(ACCOUNT_COLUMNS)
      .executeTakeFirstOrThrow();
    return accountWritten(change, row);
  });
}
