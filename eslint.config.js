// One flat config for the whole workspace: type-checked typescript-eslint, Prettier owns formatting,
// and the workspace's boundaries (DESIGN §1) as lint rules.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Paths below are relative to the repository root, also when a package's own config (apps/web)
// spreads this one: every boundary rule carries this basePath.
const root = import.meta.dirname;

/**
 * DESIGN §1, who may import whom: the workspace packages each folder's code may import at run
 * time. Everything else under `@outlay/` is refused. `typeOnly` may be imported with `import type`
 * only (the client re-exports the router's type; the web app never runs api code).
 */
const BOUNDARIES = {
  'packages/contracts': { may: [] },
  'packages/importers': { may: ['contracts'] },
  'packages/db': { may: ['contracts'] },
  'packages/api': { may: ['contracts', 'db', 'importers'] },
  'packages/client': { may: [], typeOnly: ['api'] },
  'apps/server': { may: ['api', 'db', 'contracts'] },
  'apps/web': { may: ['client', 'contracts'], typeOnly: ['api'] },
  'apps/bench': { may: ['client', 'db', 'contracts', 'server', 'api'] },
  'apps/cli': { may: ['client'] },
};

/**
 * What tests may import on top of their package's allowance: every suite may use the database
 * harness (`@outlay/db/testing`); the server's suites drive it through the real client, and the
 * web app's browser suites and the CLI's suites start the real server on a real database.
 */
const TEST_EXTRAS = {
  'apps/server': ['client'],
  'apps/web': ['api', 'db', 'server'],
  'apps/cli': ['api', 'db', 'server'],
};

/** Test code and its runner's config, relative to a package folder. */
const TEST_FILES = ['**/*.test.{ts,tsx}', '**/testing.ts', 'e2e/**', 'vitest.config.ts'];

const WORKSPACE = [
  'contracts',
  'importers',
  'db',
  'api',
  'client',
  'server',
  'web',
  'bench',
  'cli',
];

/** `contracts` is imported by every layer, the browser included: zod and nothing else. */
const CONTRACTS_THIRD_PARTY = { src: ['zod'], tests: ['zod', 'vitest', 'fast-check'] };

function restrictedImports(folder, { tests }) {
  const { may, typeOnly = [] } = BOUNDARIES[folder];
  const self = folder.split('/')[1];
  const allowed = new Set([self, ...may, ...(tests ? (TEST_EXTRAS[folder] ?? []) : [])]);
  const refused = WORKSPACE.filter((name) => !allowed.has(name));
  const patterns = refused.map((name) => ({
    regex: `^@outlay/${name}(/|$)`,
    allowTypeImports: typeOnly.includes(name),
    message: `${folder} may not import @outlay/${name}${typeOnly.includes(name) ? ' at run time (use `import type`)' : ''}: see the import table in DESIGN §1.`,
  }));
  // Each package's own exports map is its surface: no reaching into another package's files.
  patterns.push({
    regex: '^(\\.\\./)+(apps|packages)/',
    message: 'Import another package by its name (@outlay/…), never by a relative path.',
  });
  if (!tests) {
    patterns.push({
      regex: '^@outlay/db/testing$',
      message: 'The database test harness is for tests only.',
    });
  }
  if (folder === 'packages/contracts') {
    const third = CONTRACTS_THIRD_PARTY[tests ? 'tests' : 'src'].join('|');
    patterns.push({
      regex: `^(?!\\.\\.?/|(${third})(/|$))`,
      message: `@outlay/contracts runs in every layer, the browser included: it imports ${third.replaceAll('|', ', ')} only.`,
    });
  }
  return [
    'error',
    {
      paths: ['process', 'node:process'].map((name) => ({
        name,
        importNames: ['env'],
        message: ENV_MESSAGE,
      })),
      patterns,
    },
  ];
}

const ENV_MESSAGE =
  'Only apps/server/src/env.ts reads the environment (DESIGN §1): take the value as an option.';

/**
 * The files that may read `process.env`. The server's configuration is parsed once, in env.ts; an
 * entry point (main.ts, a CLI) hands `process.env` to its one parser; a test harness reads the
 * test runner's variables (TEST_DATABASE_URL, TEST_REDIS_URL, CHROMIUM_PATH) in one file per
 * package. Tool configs at the root (vitest.shared.ts) are not linted.
 */
const ENV_READERS = [
  'apps/server/src/env.ts',
  'apps/server/src/main.ts',
  'apps/bench/src/config.ts',
  'apps/bench/src/main.ts',
  'apps/bench/src/peer/main.ts',
  'packages/db/src/cli/*.ts',
  'packages/db/src/testing.ts',
  'packages/api/src/testing.ts',
  'apps/web/e2e/harness.ts',
  'apps/cli/src/main.ts',
  'apps/cli/src/testing.ts',
];

const boundaries = Object.keys(BOUNDARIES).flatMap((folder) => [
  {
    basePath: root,
    files: [`${folder}/**/*.{ts,tsx}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports(folder, { tests: false }),
    },
  },
  {
    basePath: root,
    files: TEST_FILES.map((pattern) => `${folder}/${pattern}`),
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports(folder, { tests: true }),
    },
  },
]);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/.outlay/**',
      '**/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...boundaries,
  {
    basePath: root,
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: ENV_MESSAGE },
      ],
    },
  },
  {
    basePath: root,
    files: ENV_READERS,
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
