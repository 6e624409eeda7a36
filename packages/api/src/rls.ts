import type { Database } from '@outlay/db';
import { type Expression, type Kysely, sql } from 'kysely';

/** Created by the security migration (packages/db/src/migrations/2026-11-21_2-security.ts). */
export const APP_ROLE = 'outlay_app';

/**
 * Select-list items that name the user to row-level security and switch to the non-superuser app
 * role, both transaction-local (DESIGN §5): the one way into a user's context. In a look-up's
 * select list they run only for the row it finds, so a look-up that finds nothing sets nothing.
 */
export function userContextSelection(userId: Expression<unknown>) {
  return [
    sql<string>`set_config('app.user_id', ${userId}::text, true)`.as('contextUserId'),
    sql<string>`set_config('role', ${APP_ROLE}, true)`.as('contextRole'),
  ];
}

/**
 * Runs `work` in a transaction inside `userId`'s context: row-level security then confines every
 * query to that user's rows, and the connection goes back to the pool as it was. The work's error
 * rolls everything back.
 */
export function withUserTransaction<T>(
  db: Kysely<Database>,
  userId: string,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.selectNoFrom(userContextSelection(sql.val(userId))).execute();
    return work(trx);
  });
}
