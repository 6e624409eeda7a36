/**
 * The start-up children: each system opens its existing data in a fresh process and answers. Both
 * are bundled with esbuild (as the server is for `pnpm start`) and run with plain `node`, so
 * neither start pays for tsx's loader. Packages that load files next to themselves stay outside
 * the bundle and are imported from where they are installed: PGlite (its .wasm and .data), argon2
 * (its native addon). Actual's API is a prebuilt bundle already, loaded from its install folder.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { Answer } from './answers.ts';
import type { ChildEvent } from './child-protocol.ts';

const here = fileURLToPath(new URL('./', import.meta.url));

/** Packages imported from their installed location rather than bundled. */
const IN_PLACE = /^(@electric-sql\/pglite|argon2)(\/.*)?$/;

/** Resolves each in-place package as esbuild would, and leaves it as an import of that file. */
const importInPlace: Plugin = {
  name: 'import-in-place',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: IN_PLACE }, async (args) => {
      if ((args.pluginData as { inPlace?: boolean } | undefined)?.inPlace) return undefined;
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { inPlace: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

export interface ChildScripts {
  outlay: string;
  actual: string;
}

export async function bundleChildren(outDir: string): Promise<ChildScripts> {
  const scripts = {
    outlay: join(outDir, 'outlay-child.mjs'),
    actual: join(outDir, 'actual-child.mjs'),
  };
  await build({
    entryPoints: {
      'outlay-child': join(here, 'outlay-child.ts'),
      'actual-child': join(here, 'actual-child.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // pg's optional native binding, required only if someone asks for `pg.native`.
    external: ['pg-native'],
    plugins: [importInPlace],
    // CommonJS dependencies call `require` for Node built-ins; an ES module has none.
    banner: {
      js: "import { createRequire as __peerCreateRequire } from 'node:module'; const require = __peerCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return scripts;
}

export interface ChildRun {
  /** Spawn to the first answer's line, ms. */
  firstMs: number;
  answer: Answer;
  rssOpenMb: number;
  rssAfterMb: number;
}

/** Runs a child to completion; rejects if it fails or never reports. */
export function runChild(
  script: string,
  input: unknown,
  options: { env: Record<string, string>; nodeFlags?: string[] },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = [...(options.nodeFlags ?? []), script, JSON.stringify(input)];
    const child = spawn(process.execPath, args, {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let first: { ms: number; answer: Answer } | undefined;
    let done: Extract<ChildEvent, { event: 'done' }> | undefined;
    let pending = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const at = performance.now();
      pending += chunk.toString();
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        let event: ChildEvent;
        try {
          event = JSON.parse(line) as ChildEvent;
        } catch {
          continue; // a library's own output on stdout
        }
        if (event.event === 'first') first ??= { ms: at - started, answer: event.answer };
        else done = event;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && first && done) {
        resolve({
          firstMs: Math.round(first.ms),
          answer: first.answer,
          rssOpenMb: done.rss_open_mb,
          rssAfterMb: done.rss_after_mb,
        });
      } else {
        reject(new Error(`${script} exited with ${signal ?? code}:\n${stderr}`));
      }
    });
  });
}
