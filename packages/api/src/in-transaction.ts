import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';

/**
 * Runs `work` in a transaction, joining the caller's when `db` already is one. Services that
 * write more than once use it, so their writes land together or not at all, whether they are
 * called on the bare database (sign-in, tests) or inside a request's row-level-security
 * transaction (Kysely cannot nest transactions).
 */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
