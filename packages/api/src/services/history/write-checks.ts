import { runDeferredChecks, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { databaseErrorOf, DomainError } from '../../errors.ts';

/**
 * Runs the database's checks deferred to commit (split lines add up, transfers are whole pairs,
 * categories have two levels) at the end of a service's writes, turning a violation into a typed
 * error. Services check these rules before writing; this is the database holding the line.
 */
export async function finishWrites(trx: Kysely<Database>): Promise<void> {
  try {
    await runDeferredChecks(trx);
  } catch (error) {
    if (databaseErrorOf(error)?.code === '23514') {
      throw new DomainError('BAD_INPUT', (error as Error).message);
    }
    throw error;
  }
}
