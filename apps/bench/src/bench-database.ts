/**
 * The database a bench run owns and throws away: on PostgreSQL a fresh `outlay_bench_<random>`
 * database created through the given URL's server (existing databases are never touched), else
 * a PGlite in a fresh temp directory — file-backed, as `pnpm start` runs it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb, createScratchDatabase, type OutlayDb } from '@outlay/db';
import { sql } from 'kysely';

export interface BenchDatabase {
  outlay: OutlayDb;
  /** Where the data lives, for the log (no credentials). */
  location: string;
  /**
   * A `DATABASE_URL` for a server child process on the same data. PGlite serves one process at a
   * time, so on PGlite this closes the bench's own connection first: call it after the last
   * in-process query. Connection strings carry credentials: never log them.
   */
  handOver(): Promise<string>;
  /** Closes the connection and deletes the database or directory. Safe to call twice. */
  dispose(): Promise<void>;
}

export async function openBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  return serverUrl === undefined ? openPglite() : openPostgres(serverUrl);
}

async function openPglite(): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'outlay-bench-'));
  let outlay: OutlayDb;
  try {
    outlay = await createDb({ url: `pglite:${dir}` });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let disposed = false;
  let closed = false;
  return {
    outlay,
    location: `PGlite in ${dir}`,
    async handOver() {
      if (!closed) {
        closed = true;
        await outlay.close();
      }
      return `pglite:${dir}`;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (!closed) await outlay.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(serverUrl: string): Promise<BenchDatabase> {
  const scratch = await createScratchDatabase(serverUrl, 'outlay_bench');
  const { name } = scratch;
  const drop = () => scratch.drop();
  const url = new URL(scratch.url);
  let outlay: OutlayDb;
  try {
    outlay = await createDb({ url: scratch.url });
  } catch (error) {
    await drop();
    throw error;
  }
  let disposed = false;
  return {
    outlay,
    location: `PostgreSQL database ${name} on ${url.host}`,
    handOver: () => Promise.resolve(scratch.url),
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        await outlay.close();
      } finally {
        await drop();
      }
    },
  };
}

/**
 * Resolves once the database has had no other work for three checks in a row (or after 60 s).
 * PGlite runs one query at a time, so a query of ours waits behind any backlog; on PostgreSQL,
 * other active backends of this database show in pg_stat_activity.
 */
export async function waitForIdleDatabase({ db, kind }: OutlayDb): Promise<void> {
  const deadline = performance.now() + 60_000;
  let quiet = 0;
  while (quiet < 3 && performance.now() < deadline) {
    if (kind === 'pglite') {
      await sql`select 1`.execute(db);
      quiet++;
    } else {
      const { rows } = await sql<{ busy: number }>`
        select count(*)::int as busy from pg_stat_activity
        where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`.execute(
        db,
      );
      quiet = rows[0]?.busy === 0 ? quiet + 1 : 0;
    }
    await sleep(50);
  }
}
