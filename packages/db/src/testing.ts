/**
 * Test databases. Every suite that touches the database runs on PGlite in-process, and again on a
 * real PostgreSQL server when TEST_DATABASE_URL is set (vitest runs a second project with
 * OUTLAY_TEST_DB=postgres). Each call gets its own empty, migrated database, so test files run in
 * parallel without seeing each other's rows.
 */
import { createDb, type DatabaseKind, type OutlayDb } from './create-db.ts';
import { migrateToLatest } from './migrate.ts';
import { createScratchDatabase } from './scratch-database.ts';

export interface TestDb extends OutlayDb {
  /** Closes the connection and drops the throwaway database. */
  dispose(): Promise<void>;
}

/** Which database the current test project targets. */
export function testDatabaseKind(): DatabaseKind {
  return process.env.OUTLAY_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export async function createTestDb(kind: DatabaseKind = testDatabaseKind()): Promise<TestDb> {
  if (kind === 'pglite') {
    const outlay = await createDb({ url: 'pglite:memory' });
    await migrateToLatest(outlay.db);
    return { ...outlay, dispose: () => outlay.close() };
  }

  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('TEST_DATABASE_URL must be set to run tests on PostgreSQL');
  const scratch = await createScratchDatabase(adminUrl, 'outlay_test');
  const outlay = await createDb({ url: scratch.url, maxConnections: 4 });
  await migrateToLatest(outlay.db);
  return {
    ...outlay,
    async dispose() {
      await outlay.close();
      await scratch.drop();
    },
  };
}
