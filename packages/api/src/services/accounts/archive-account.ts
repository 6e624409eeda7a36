import type { AccountWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openArchiveChange } from '../archive-change.ts';
import { ACCOUNT_COLUMNS, findAccount, accountWritten } from './account-rules.ts';

/** Archives an account (hidden from pickers; its transactions stay and still count) or brings it back. */
export function setAccountArchived(
  db: Kysely<Database>,
  { user, id, archived }: { user: Writer; id: string; archived: boolean },
): Promise<AccountWritten> {
  return inTransaction(db, async (trx) => {
    const current = await findAccount(trx, user.id, id);
    const change = await openArchiveChange(trx, {
      user,
      table: 'accounts',
      current,
      archived,
    });
    const row = await trx
      .updateTable('accounts')
      .set({ archived_at: archived ? sql`now()` : null })
      .where('user_id', '=', user.id)
      .where('id', '=', id)
      .returning(ACCOUNT_COLUMNS)
      .executeTakeFirstOrThrow();
    return accountWritten(change, row);
  });
}
