import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';

/** Created by the security migration (packages/db/src/migrations/2026-11-21_2-security.ts). */
export const APP_ROLE = 'outlay_app';

/**
 * Runs `work` in a transaction that names the user and switches to the non-superuser app role,
 * both transaction-local: row-level security then confines every query to that user's rows, and
 * the connection goes back to the pool as it was. The work's error rolls everything back.
 */
export function withUserTransaction<T>(
  db: Kysely<Database>,
  userId: string,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.user_id', ${userId}, true), set_config('role', ${APP_ROLE}, true)`.execute(
      trx,
    );
    return work(trx);
  });
}
