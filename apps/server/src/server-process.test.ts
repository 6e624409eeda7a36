import { createDb } from '@outlay/db';
import { testDatabaseKind } from '@outlay/db/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './data-dir.ts';
import { demoSeeding, parseEnv } from './env.ts';
import { callProcedure, STRONG_PASSWORD } from './testing.ts';

// The real server process (src/main.ts), started the way `pnpm start` starts it, on the embedded
// database: a second process must not open the same data directory, a taken port must stop a
// start before it touches the database, and the data directory must be private. Each start of a
// new embedded database takes tens of seconds on a busy two-core machine, hence the timeouts.
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'outlay-process-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  /** The URL from the start-up banner, once the server serves. */
  url: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

function startServer(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      TZ: 'UTC',
      HOST: '127.0.0.1',
      PORT: '0',
      OUTLAY_SEED_DEMO: 'false',
      OUTLAY_WEB_DIST: join(root, 'no-web-app'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /Outlay is running at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout.on('data', look);
    void exited.then((code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  url.catch(() => undefined);
  return { child, url, exited, output: () => output };
}

/** Every entry under `dir` with its permission bits, symbolic links left out. */
function modes(dir: string): { path: string; kind: 'dir' | 'file'; mode: number }[] {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) return [];
  if (!stat.isDirectory()) return [{ path: dir, kind: 'file', mode: stat.mode & 0o777 }];
  return [
    { path: dir, kind: 'dir', mode: stat.mode & 0o777 },
    ...readdirSync(dir).flatMap((entry) => modes(join(dir, entry))),
  ];
}

const signIn = (url: string, email: string) =>
  callProcedure(url, 'auth.login', { input: { email, password: STRONG_PASSWORD } }).then(
    (r) => r.status,
  );

describe.runIf(testDatabaseKind() === 'pglite')(
  'the server process on the embedded database',
  () => {
    it('takes its data directory alone, binds its port first, keeps its files private and its data intact', async () => {
      const dataDir = join(root, 'data-dir');
      // A data directory as an earlier version (or a loose umask) left it.
      mkdirSync(join(dataDir, 'keys'), { recursive: true });
      writeFileSync(join(dataDir, 'notes.txt'), 'left over');
      chmodSync(dataDir, 0o777);
      chmodSync(join(dataDir, 'keys'), 0o755);
      chmodSync(join(dataDir, 'notes.txt'), 0o666);

      const first = startServer({ OUTLAY_DATA_DIR: dataDir });
      const url = await first.url;

      // Private: directories 0700, files 0600, the signing key and the database included.
      const entries = modes(dataDir);
      expect(entries.some((e) => e.path.endsWith('jwt-ed25519.pem'))).toBe(true);
      expect(entries.some((e) => e.path.endsWith('PG_VERSION'))).toBe(true);
      expect(entries.filter((e) => e.mode !== (e.kind === 'dir' ? 0o700 : 0o600))).toEqual([]);

      const emails = Array.from({ length: 5 }, (_, i) => `process-${i}@example.com`);
      for (const email of emails) {
        const registered = await callProcedure(url, 'auth.register', {
          input: { email, password: STRONG_PASSWORD, displayName: email },
        });
        expect(registered.status).toBe(200);
      }

      // A second server on the same data directory refuses to start, naming the first.
      const second = startServer({ OUTLAY_DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(
        `Another Outlay server (process ${first.child.pid}) is using the embedded database in ${join(dataDir, 'data')}`,
      );

      // A start whose port is taken stops before it opens (or even creates) its database.
      const elsewhere = join(root, 'never-opened');
      const third = startServer({ OUTLAY_DATA_DIR: elsewhere, PORT: new URL(url).port });
      expect(await third.exited).toBe(1);
      expect(third.output()).toContain(`port ${new URL(url).port} on 127.0.0.1 is in use`);
      expect(existsSync(elsewhere)).toBe(false);

      // The first one was never disturbed.
      for (const email of emails) expect(await signIn(url, email)).toBe(200);
      // One readable line per request, no JSON.
      expect(first.output()).toMatch(/^\d\d:\d\d:\d\d {2}POST \/trpc\/auth\.register 200 \d+ ms$/m);
      expect(first.output()).toMatch(/^\d\d:\d\d:\d\d {2}POST \/trpc\/auth\.login 200 \d+ ms$/m);
      expect(first.output()).not.toContain('{"level"');
      expect(first.output()).toContain('Demo accounts: not created (OUTLAY_SEED_DEMO=false).');

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(existsSync(join(dataDir, 'data', LOCK_FILE))).toBe(false);

      // The data is intact: the same users, each with their own categories and account.
      const outlay = await createDb({ url: `pglite:${join(dataDir, 'data')}` });
      try {
        const users = await outlay.db.selectFrom('users').select(['id', 'email']).execute();
        expect(users.map((u) => u.email).sort()).toEqual(emails);
        const orphans = await outlay.db
          .selectFrom('categories as c')
          .leftJoin('users as u', 'u.id', 'c.user_id')
          .select('c.id')
          .where('u.id', 'is', null)
          .execute();
        expect(orphans).toEqual([]);
      } finally {
        await outlay.close();
      }

      // And a server started again serves them.
      const again = startServer({ OUTLAY_DATA_DIR: dataDir, LOG_FORMAT: 'json' });
      const againUrl = await again.url;
      expect(await signIn(againUrl, emails[0]!)).toBe(200);
      // JSON logs by configuration: one line per request, with the path and no query string.
      // pino writes asynchronously: wait for the line.
      let requestLine: string | undefined;
      for (let waited = 0; waited < 100 && !requestLine; waited += 1) {
        requestLine = again
          .output()
          .split('\n')
          .find((line) => line.includes('"request"'));
        if (!requestLine) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(JSON.parse(requestLine!)).toMatchObject({
        level: 30,
        msg: 'request',
        request: { method: 'POST', path: '/trpc/auth.login', status: 200 },
      });
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }, 300_000);

    it('takes over a lock left by a process that is gone', async () => {
      const dataDir = join(root, 'stale-lock');
      mkdirSync(join(dataDir, 'data'), { recursive: true });
      // A pid that cannot be running: above the kernel's maximum.
      writeFileSync(
        join(dataDir, 'data', LOCK_FILE),
        `4194305\n${(await import('node:os')).hostname()}\n`,
      );
      const started = startServer({ OUTLAY_DATA_DIR: dataDir });
      await started.url;
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    }, 180_000);
  },
);

describe('demo accounts', () => {
  it('are created only for the embedded database outside production, unless asked', () => {
    const decide = (env: Record<string, string>) => demoSeeding(parseEnv(env));
    expect(decide({})).toMatchObject({ seed: true });
    expect(decide({ DATABASE_URL: 'postgres://db.internal/outlay' })).toEqual({
      seed: false,
      reason: 'the database is PostgreSQL; set OUTLAY_SEED_DEMO=true to create them',
    });
    expect(decide({ NODE_ENV: 'production' })).toEqual({
      seed: false,
      reason: 'NODE_ENV=production; set OUTLAY_SEED_DEMO=true to create them',
    });
    expect(decide({ NODE_ENV: 'production', OUTLAY_SEED_DEMO: 'true' })).toMatchObject({
      seed: true,
    });
    expect(decide({ OUTLAY_SEED_DEMO: 'false' })).toMatchObject({ seed: false });
  });
});
