/**
 * @outlay/client as another project gets it: `pnpm pack` makes the tarball, npm installs it into
 * a fresh project outside the workspace (with the dependencies the tarball declares, from the
 * registry), TypeScript checks an example under the tsconfig `tsc --init` writes, with `bundler`
 * resolution, and with `node16` resolution and every declaration file checked (skipLibCheck off),
 * and the compiled example runs against a real server.
 *
 * A second file holds deliberate mistakes that must each fail with the expected error: if the
 * published types had decayed to `any`, they would all pass.
 *
 * It lives with the CLI (the workspace's outside consumer of the client) because the client's
 * own package cannot depend on the server it would need to run against.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from '@outlay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideEnv, startTestServer, type TestServer } from './testing.ts';

const run = promisify(execFile);
const clientDir = fileURLToPath(new URL('../../../packages/client', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const EXAMPLE = `
import {
  createOutlayClient,
  formatMoney,
  isOutlayError,
  type MetricsSummary,
  type RouterOutputs,
  type TransactionFilter,
} from '@outlay/client';

export async function main(url: string, email: string, password: string) {
  const session = await createOutlayClient({ url }).auth.login.mutate({ email, password });
  const outlay = createOutlayClient({ url, token: session.accessToken });

  const filter: TransactionFilter = { from: '2026-01-01', to: '2026-03-31', kind: 'spend' };
  const [summary, page] = await Promise.all([
    outlay.metrics.summary.query({ filter }),
    outlay.transactions.list.query({ filter, limit: 3, sort: { field: 'amount', direction: 'asc' } }),
  ]);
  const typed: MetricsSummary = summary;
  const rows: RouterOutputs['transactions']['list']['items'] = page.items;
  const largest: string[] = rows.map((t) => t.payee ?? t.description ?? '');

  let badDate: string | undefined;
  try {
    await outlay.metrics.summary.query({ filter: { from: '2026-02-30' } });
  } catch (error) {
    if (isOutlayError(error)) badDate = error.data?.code;
  }
  return {
    email: session.user.email,
    summary: typed,
    total: formatMoney(typed.totalSpend, typed.currency, 'en-US'),
    largest,
    badDate,
  };
}
`;

/** Each line is a mistake, with the TypeScript error it must produce. */
const MISTAKES: [code: string, line: string][] = [
  ['TS2322', `await outlay.metrics.summary.query({ filter: { from: 20260101 } });`],
  ['TS2322', `await outlay.metrics.summary.query({ filter: { kind: 'refunds' } });`],
  ['TS2353', `await outlay.transactions.list.query({ filter: {}, pageSize: 10 });`],
  ['TS2551', `(await outlay.metrics.summary.query({})).totalSpent;`],
  ['TS2322', `const currency: number = (await outlay.metrics.summary.query({})).currency;`],
  ['TS2551', `await outlay.metrics.summmary.query({});`],
  ['TS2339', `await outlay.transactions.teleport.mutate({ id: 'x' });`],
  ['TS2345', `await outlay.auth.login.mutate({ email: 'a@b.c' });`],
];

const MISTAKES_FILE = [
  `import { createOutlayClient } from '@outlay/client';`,
  `const outlay = createOutlayClient({ url: 'http://localhost:3000' });`,
  `export async function mistakes() {`,
  ...MISTAKES.map(([, line]) => `  ${line}`),
  `}`,
].join('\n');
/** The first mistake's line number in MISTAKES_FILE (1-based). */
const FIRST_MISTAKE_LINE = 4;

const RUNNER = `
import { main } from './out/example.js';
const [url, email, password] = process.argv.slice(2);
console.log(JSON.stringify(await main(url, email, password)));
`;

let server: TestServer;
let project: string;
/** The errors of compiling the project under the `tsc --init` tsconfig, into out/. */
let initErrors: string[];

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'outlay-client-consumer-'));
  const [started] = await Promise.all([
    startTestServer(),
    (async () => {
      await run('pnpm', ['pack', '--pack-destination', project], { cwd: clientDir });
      const tarball = (await readdir(project)).find((f) => f.endsWith('.tgz'));
      if (!tarball) throw new Error('pnpm pack wrote no tarball');
      await writeFile(
        join(project, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      );
      await run(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--loglevel=error',
          `./${tarball}`,
        ],
        { cwd: project, env: outsideEnv() },
      );
      // The tsconfig a new TypeScript project starts with, and two stricter variants.
      await run(process.execPath, [tsc, '--init'], { cwd: project });
      await writeFile(join(project, 'example.ts'), EXAMPLE);
      await writeFile(join(project, 'mistakes.ts'), MISTAKES_FILE);
      await writeFile(join(project, 'run.mjs'), RUNNER);
      await writeFile(
        join(project, 'tsconfig.bundler.json'),
        JSON.stringify({
          extends: './tsconfig.json',
          compilerOptions: { module: 'preserve', moduleResolution: 'bundler', noEmit: true },
        }),
      );
      await writeFile(
        join(project, 'tsconfig.node16.json'),
        JSON.stringify({
          extends: './tsconfig.json',
          compilerOptions: {
            module: 'node16',
            moduleResolution: 'node16',
            skipLibCheck: false,
            noEmit: true,
          },
        }),
      );
      initErrors = await typeErrors(['-p', 'tsconfig.json', '--outDir', 'out']);
    })(),
  ]);
  server = started;
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

/**
 * Type errors as `file:line code`, from a tsc run that may fail. With skipLibCheck off, tRPC's
 * own declarations report errors of their own (its WebSocket adapter names the `ws` package and
 * Node's `http`, which a project without those types lacks); they are tRPC's, not this
 * package's, so they are left out. Errors in @outlay/client's declarations are kept.
 */
async function typeErrors(args: string[]): Promise<string[]> {
  const result = await run(process.execPath, [tsc, ...args], { cwd: project }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return [...result.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gm)]
    .filter(([, file]) => !file!.startsWith('node_modules/@trpc/'))
    .map(([, file, line, code]) => `${file}:${line} ${code}`);
}

const expectedMistakes = MISTAKES.map(
  ([code], i) => `mistakes.ts:${FIRST_MISTAKE_LINE + i} ${code}`,
);

describe('@outlay/client installed from its tarball into another project', () => {
  it('ships compiled JavaScript and one declaration file that names no workspace package', async () => {
    const installed = join(project, 'node_modules', '@outlay', 'client');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(manifest.version).toBe('0.1.0');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@trpc/client', '@trpc/server']);
    expect((await readdir(join(installed, 'dist'))).sort()).toEqual(['index.d.ts', 'index.js']);
    const types = await readFile(join(installed, 'dist', 'index.d.ts'), 'utf8');
    expect(types).not.toMatch(/@outlay\/(api|contracts|db)/);
    expect(types).not.toMatch(/from\s+['"][^'"]+\.ts['"]/);
    // Every procedure is spelled out (its input and output written in full), none is named from
    // the server; and the server's own procedure metadata (its REST routes) is not part of it.
    expect(types).toMatch(/\bsummary: (_trpc_server\.)?TRPCQueryProcedure<\{\s+input: \{/);
    expect(types).not.toMatch(/openapi|OpenApiMeta/i);
  });

  it('type-checks under the tsconfig `tsc --init` writes, and every mistake fails', () => {
    expect(initErrors).toEqual(expectedMistakes);
  });

  it('type-checks with bundler resolution, and every mistake fails', async () => {
    expect(await typeErrors(['-p', 'tsconfig.bundler.json'])).toEqual(expectedMistakes);
  });

  it('type-checks with node16 resolution and skipLibCheck off, and every mistake fails', async () => {
    expect(await typeErrors(['-p', 'tsconfig.node16.json'])).toEqual(expectedMistakes);
  });

  it('runs against a real server: signs in and reads metrics.summary', async () => {
    const john = DEMO_USERS[0]!.email;
    // Compiled in beforeAll under the `tsc --init` tsconfig (tsc emits despite mistakes.ts).
    const { stdout } = await run(process.execPath, ['run.mjs', server.url, john, DEMO_PASSWORD], {
      cwd: project,
      env: outsideEnv(),
    });
    const answer = JSON.parse(stdout) as {
      email: string;
      summary: unknown;
      total: string;
      largest: string[];
      badDate: string;
    };
    const client = await server.signIn(john);
    const filter = { from: '2026-01-01', to: '2026-03-31', kind: 'spend' } as const;
    const expected = await client.metrics.summary.query({ filter });
    expect(expected.totalSpend).toBeGreaterThan(0);
    expect(answer.email).toBe(john);
    expect(answer.summary).toEqual(expected);
    expect(answer.total).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(answer.largest).toHaveLength(3);
    expect(answer.badDate).toBe('BAD_REQUEST');
  });
});
