import type { AccountWritten, CreateAccountInput } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { ACCOUNT_COLUMNS, assertAccountNameFree, accountWritten } from './account-rules.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

export async function createAccount(
  db: Kysely<Database>,
  { user, ...input }: { user: Writer } & CreateAccountInput,
): Promise<AccountWritten> {
  return inTransaction(db, async (trx) => {
    await assertAccountNameFree(trx, user.id, input.name);
    const change = await openDescribedChangeSet(trx, {
      user,
      action: 'accounts.create',
      summary: { name: input.name },
    });
    const row = await trx
      .insertInto('accounts')
      .values({
        user_id: user.id,
        name: input.name,
        kind: input.kind,
        currency: input.currency,
        opening_balance_minor: input.openingBalanceMinor ?? 0,
        opened_on: input.openedOn ?? null,
      })
      .returning(ACCOUNT_COLUMNS)
      .executeTakeFirstOrThrow();
    return accountWritten(change, row);
  });
}
