/**
 * Shared vitest setup for packages whose tests touch the database: the same files run as a
 * `pglite` project (in-process, always) and as a `postgres` project when TEST_DATABASE_URL is set.
 */
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

export function databaseTestConfig() {
  const projects: TestProjectInlineConfiguration[] = [
    { extends: true, test: { name: 'pglite', env: { OUTLAY_TEST_DB: 'pglite' } } },
  ];
  if (process.env.TEST_DATABASE_URL) {
    projects.push({
      extends: true,
      // Suites that compare both databases themselves run once, from the pglite project.
      test: {
        name: 'postgres',
        env: { OUTLAY_TEST_DB: 'postgres' },
        exclude: ['**/cross-database.test.ts'],
      },
    });
  }
  return defineConfig({
    test: {
      projects,
      env: { TZ: 'UTC' },
      // PGlite takes seconds to start on two cores; argon2 hashes take ~50 ms each.
      testTimeout: 60_000,
      hookTimeout: 120_000,
      include: ['src/**/*.test.ts'],
    },
  });
}
