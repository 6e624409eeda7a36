import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './schema.ts';
import * as initial from './migrations/2026-11-21_1-initial.ts';
import * as security from './migrations/2026-11-21_2-security.ts';
import * as periodTotals from './migrations/2026-11-21_3-period-totals.ts';
import * as dataVersion from './migrations/2026-11-21_4-data-version.ts';
import * as rowsPerUser from './migrations/2026-12-05_5-rows-per-user.ts';
import * as ledger from './migrations/2026-12-05_6-ledger.ts';
import * as changeLog from './migrations/2026-12-05_7-change-log.ts';
import * as splitTotals from './migrations/2026-12-05_8-split-totals.ts';
import * as imports from './migrations/2026-12-06_1-imports.ts';
import * as budgets from './migrations/2026-12-06_2-budgets.ts';
import * as recurring from './migrations/2026-12-06_3-recurring.ts';
import * as changeSetXid from './migrations/2026-12-06_4-change-set-xid.ts';
import * as dueItemEdits from './migrations/2026-12-06_5-due-item-edits.ts';

// Migrations are listed here rather than read from the folder at run time, so they work the same
// from source, from a bundle and in tests. Names sort in the order they must run.
const migrations: Record<string, Migration> = {
  '2026-11-21_1-initial': initial,
  '2026-11-21_2-security': security,
  '2026-11-21_3-period-totals': periodTotals,
  '2026-11-21_4-data-version': dataVersion,
  '2026-12-05_5-rows-per-user': rowsPerUser,
  '2026-12-05_6-ledger': ledger,
  '2026-12-05_7-change-log': changeLog,
  '2026-12-05_8-split-totals': splitTotals,
  '2026-12-06_1-imports': imports,
  '2026-12-06_2-budgets': budgets,
  '2026-12-06_3-recurring': recurring,
  '2026-12-06_4-change-set-xid': changeSetXid,
  '2026-12-06_5-due-item-edits': dueItemEdits,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(
      `Migration failed${where}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
