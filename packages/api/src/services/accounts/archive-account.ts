import type { AccountWritten } from '@outlay/contracts';
import { inTransaction, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import { actorOf, type Writer } from '../history/actor.ts';
import { ACCOUNT_COLUMNS, findAccount, toAccount } from './account-rules.ts';
import { openDescribedChangeSet } from '../history/open-described-change-set.ts';

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
    if (current.archived === archived) {
      throw new DomainError(
        'CONFLICT',
        `'${current.name}' is ${archived ? 'already archived' : 'not archived'}`,
      );
    }
    const { changeSetId, description } = await openDescribedChangeSet(trx, {
      user,
      actor: actorOf(user),
      action: archived ? 'accounts.archive' : 'accounts.unarchive',
      summary: { name: current.name },
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
