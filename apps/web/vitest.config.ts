/**
 * Two kinds of tests: `unit` (pure functions: money, dates, the URL ↔ filter round trip) and
 * the end-to-end suite in e2e/, which builds a real server on a throwaway database and drives
 * Chromium through the built app. The e2e projects come from the workspace's database helper, so
 * they run on PGlite and, when TEST_DATABASE_URL is set, again on PostgreSQL — one after the
 * other (groupOrder), since two browsers and two servers on two cores only slow each other down.
 */
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { databaseTestConfig } from '../../vitest.shared.ts';

const shared = databaseTestConfig();
const databaseProjects = (shared.test?.projects ?? []) as TestProjectInlineConfiguration[];

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          env: { TZ: 'UTC' },
          sequence: { groupOrder: 0 },
        },
      },
      ...databaseProjects.map((project, index): TestProjectInlineConfiguration => ({
        ...project,
        extends: undefined,
        test: {
          ...project.test,
          name: `e2e-${String(project.test?.env?.OUTLAY_TEST_DB ?? index)}`,
          include: ['e2e/**/*.test.ts'],
          env: { ...project.test?.env, TZ: 'UTC' },
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: index + 1 },
        },
      })),
    ],
  },
});
