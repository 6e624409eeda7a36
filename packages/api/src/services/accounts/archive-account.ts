import type { AccountWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { openArchiveChange } from '../archive-change.ts';
import { ACCOUNT_COLUMNS, findAccount, toAccount } from './account-rules.ts';

/** Hides an account from pickers; its transactions stay and still count. */
export function archiveAccount(
  db: Kysely<Database>,
  { user, id }: { user: Writer; id: string },
): Promise<AccountWritten> {
  return setArchived(db, user, id, true);
}

/** Shows an archived account in pickers again. */
export function unarchiveAccount(
  db: Kysely<Database>,
  { user, id }: { user: Writer; id: string },
): Promise<AccountWritten> {
  return setArchived(db, user, id, false);
}

function setArchived(
  db: Kysely<Database>,
  user: Writer,
  id: string,
  archived: boolean,
): Promise<AccountWritten> {
  return inTransaction(db, async (trx) => {
    const current = await findAccount(trx, user.id, id);
    const { changeSetId, description } = await openArchiveChange(trx, {
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
    return {
      changeSetId,
      description,
      account: toAccount(row),
    };
  });
}
