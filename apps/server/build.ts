/**
 * Bundles the server into `dist/main.js` for `pnpm start`: one ESM file that plain `node` runs,
 * so production does not pay for tsx's loader (its start-up time and resident memory).
 *
 * Inlined: the workspace packages (they export TypeScript source) and every pure-JavaScript
 * dependency. External, resolved from this package's node_modules at run time:
 * - argon2: a native addon, found by node-gyp-build relative to its own files;
 * - @electric-sql/pglite: loads its .wasm and .data files relative to its own module;
 * - ioredis: reads its own package.json and trims error stacks by `__dirname`, which an ES module
 *   bundle does not have;
 * - pg-native: pg's optional native binding, required only if someone asks for `pg.native`.
 */
import { build } from 'esbuild';

const EXTERNAL = ['argon2', '@electric-sql/pglite', 'ioredis', 'pg-native'];

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: EXTERNAL,
  // CommonJS dependencies (fastify's, pg, ioredis) call `require` for Node built-ins; an ES module
  // has none, so give the bundle one.
  banner: {
    js: "import { createRequire as __outlayCreateRequire } from 'node:module'; const require = __outlayCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
