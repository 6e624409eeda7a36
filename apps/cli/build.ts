/**
 * Bundles the CLI into one file, `dist/outlay.js`, that plain `node` runs: @outlay/client and
 * @trpc/client are inlined, so a cold `outlay summary` loads one small module and nothing else
 * (no TypeScript loader, no node_modules walk). The file is the package's `bin`.
 */
import { chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const outfile = here('dist/outlay.js');

export async function buildCli(): Promise<void> {
  await build({
    entryPoints: [here('src/main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  await chmod(outfile, 0o755);
}

// `pnpm build` runs this file; the tests build the same way first (vitest's globalSetup), so
// they always run the binary of the source they test.
export { buildCli as setup };
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
