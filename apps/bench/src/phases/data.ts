/**
 * Phase 1, data: a throwaway database (PGlite, or a fresh database on DATABASE_URL's server),
 * migrated, with one user's transactions generated inside it.
 */
import { hashPassword } from '@outlay/api';
import { generateBulk, migrateToLatest } from '@outlay/db';
import { openBenchDatabase, type BenchDatabase } from '../bench-database.ts';
import { progressBar } from '../progress-bar.ts';
import { BENCH_EMAIL_PREFIX, BENCH_PASSWORD, log, seconds, type BenchRun } from './run.ts';

const SEED = 20_261_121;

export interface BenchData {
  bench: BenchDatabase;
  rows: number;
  userId: string;
  generation: { ms: number; rows_per_s: number };
}

export async function dataPhase(run: BenchRun): Promise<BenchData> {
  const { config } = run;
  const started = performance.now();
  const bench = await openBenchDatabase(config.databaseUrl);
  run.onCleanup(() => bench.dispose());
  log(`database: ${bench.location} (ready in ${seconds(started)} s)`);
  await migrateToLatest(bench.outlay.db);

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const bar = progressBar('generating', config.rows);
  const generationStarted = performance.now();
  const bulk = await generateBulk(bench.outlay.db, {
    users: 1,
    transactionsPerUser: config.rows,
    seed: SEED,
    passwordHash,
    emailPrefix: BENCH_EMAIL_PREFIX,
    chunkSize: Math.min(100_000, Math.max(10_000, Math.ceil(config.rows / 10))),
    onProgress: (done) => bar.update(done),
  });
  const ms = Math.round(performance.now() - generationStarted);
  const rowsPerSecond = Math.round(bulk.rows / (ms / 1000));
  bar.finish(
    `generated ${bulk.rows.toLocaleString('en-US')} transactions in ${(ms / 1000).toFixed(1)} s ` +
      `(${rowsPerSecond.toLocaleString('en-US')} rows/s, analyze included)`,
  );
  return {
    bench,
    rows: bulk.rows,
    userId: bulk.userIds[0]!,
    generation: { ms, rows_per_s: rowsPerSecond },
  };
}
