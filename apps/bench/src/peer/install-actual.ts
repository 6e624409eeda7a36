/**
 * Actual Budget's engine (`@actual-app/api` on npm, SQLite through better-sqlite3) is about
 * 220 MB installed, so it is not a workspace dependency: a newcomer's `pnpm install` must not pay
 * for a peer only `pnpm bench:peer` runs. It is installed with npm into its own git-ignored folder
 * (`apps/bench/.peer/`) on first use, at one pinned version, and reused after.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The version compared against. Its better-sqlite3 dependency (^12) loads on Node 20; a release
 * that moves to better-sqlite3 13 needs Node 22. Change the pin on purpose, and say so in
 * docs/performance.md, since figures are comparable only at one version.
 */
export const ACTUAL_API_VERSION = '26.9.0';

export interface ActualInstall {
  /** Absolute path of the API's CommonJS entry (`dist/index.js`), for `import()`. */
  entry: string;
  version: string;
  /** How long this run's install took; `null` when an earlier install was reused. */
  installMs: number | null;
}

export interface InstallOptions {
  /** The folder that holds the generated package.json and its node_modules. */
  dir: string;
  version?: string;
  /** The environment npm runs with (pnpm's own `npm_*` variables are removed from it). */
  env: Readonly<Record<string, string | undefined>>;
  log: (message: string) => void;
}

export async function ensureActual(options: InstallOptions): Promise<ActualInstall> {
  const version = options.version ?? ACTUAL_API_VERSION;
  const entry = join(options.dir, 'node_modules', '@actual-app', 'api', 'dist', 'index.js');
  if (installedVersion(options.dir) === version && nativeSqliteBuilt(options.dir)) {
    return { entry, version, installMs: null };
  }
  mkdirSync(options.dir, { recursive: true });
  writeFileSync(
    join(options.dir, 'package.json'),
    `${JSON.stringify(peerPackage(version), null, 2)}\n`,
  );
  options.log(
    `installing @actual-app/api@${version} into ${options.dir} (first use only; about 220 MB, ` +
      'and better-sqlite3 may compile from source: minutes)…',
  );
  const started = performance.now();
  await run(
    'npm',
    ['install', '--prefix', options.dir, '--no-audit', '--no-fund', '--loglevel=error'],
    npmEnvironment(options.env),
  );
  if (installedVersion(options.dir) !== version || !nativeSqliteBuilt(options.dir)) {
    throw new Error(
      `npm finished, but ${options.dir} holds no usable @actual-app/api@${version} ` +
        '(better-sqlite3 must build its native module: see the npm output above)',
    );
  }
  const installMs = Math.round(performance.now() - started);
  options.log(`installed @actual-app/api@${version} in ${(installMs / 1000).toFixed(0)} s`);
  return { entry, version, installMs };
}

/** The package.json the peer folder is installed from: one pinned dependency. */
export function peerPackage(version: string) {
  return {
    name: 'outlay-bench-peer',
    private: true,
    description:
      "Actual Budget's engine for `pnpm bench:peer`, installed here on first use; never part of the workspace.",
    dependencies: { '@actual-app/api': version },
  };
}

/**
 * The environment for npm: the caller's, without the `npm_*` and `pnpm_*` variables a pnpm script
 * inherits (pnpm's user agent, its `npm_config_*` settings, the script's package), which would
 * make npm act on the workspace's behalf. Registry, cache, proxy and CA settings stay.
 */
export function npmEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const kept = /^npm_config_(registry|cache|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i;
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (!/^p?npm_/i.test(entry[0]) || kept.test(entry[0])),
    ),
  );
}

function installedVersion(dir: string): string | undefined {
  const manifest = join(dir, 'node_modules', '@actual-app', 'api', 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

/** better-sqlite3 installs without failing npm even when its native build did not happen. */
function nativeSqliteBuilt(dir: string): boolean {
  return existsSync(
    join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  );
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    // npm's output goes to our stderr: progress, never the table.
    const child = spawn(command, args, { env, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`)),
    );
  });
}
