/**
 * What the bench's phases share: its settings, the rows measured so far, the clean-up list, and
 * the progress log (stderr; the table goes to stdout at the end).
 */
import type { BenchConfig } from '../config.ts';
import { latencyPercentiles } from '../percentiles.ts';
import type { ResultRow } from '../report.ts';

export interface Measured {
  row: ResultRow;
  samples: number;
}

export interface BenchRun {
  config: BenchConfig;
  /** Rows in the order they were measured: the report lists them so. */
  measured: Measured[];
  /** Run in reverse order at the end, on failure and on Ctrl-C. */
  onCleanup(step: () => Promise<void>): void;
}

export const BENCH_EMAIL = 'bench-1@example.com';
export const BENCH_EMAIL_PREFIX = 'bench';
export const BENCH_PASSWORD = 'bench-password-123';

export const log = (message: string) => process.stderr.write(`${message}\n`);

export function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

export function fmt(ms: number): string {
  return ms.toFixed(2).padStart(8);
}

/**
 * The row of an operation that takes seconds (a bulk edit, an import, the due-items job), timed
 * a few times rather than through `latencyTimer`: no warm-up, and the table's `n` is the rounds.
 */
export function roundsRow(name: string, samples: readonly number[]): Measured {
  const percentiles = latencyPercentiles(samples);
  log(
    `  ${name.padEnd(44)} n=${String(samples.length).padStart(4)}  p50 ${fmt(percentiles.p50_ms)}  max ${fmt(Math.max(...samples))} ms`,
  );
  return { row: { name, ...percentiles }, samples: samples.length };
}
