/**
 * PGlite ÷ PostgreSQL: the same bench (same seed, same rows) run once on each database,
 * compared row by row on the one-client latency rows both runs have. The ratio reported is the
 * geometric mean of the per-row p50 ratios, so no single row dominates; the worst row is kept too.
 * p50, not p95: the bench machine is shared, and a p95 of 200 samples mostly measures the
 * neighbours' load at the time of that run.
 */
import type { BenchReport } from './report.ts';

export interface DatabaseComparison {
  ratio: number;
  worst_row: string;
  worst_ratio: number;
  rows: number;
}

type Run = Pick<BenchReport, 'database' | 'rows' | 'results'>;

/** Rows under load measure the database's concurrency model, not the same work: left out. */
const comparable = (name: string) => !name.startsWith('load') && !name.startsWith('soak');

export function comparePgliteToPostgres(
  pglite: Run,
  postgres: Run,
): DatabaseComparison | undefined {
  if (pglite.database !== 'pglite' || postgres.database !== 'postgres') return undefined;
  if (pglite.rows !== postgres.rows) return undefined;
  const ratios: { name: string; ratio: number }[] = [];
  for (const row of pglite.results) {
    if (!comparable(row.name)) continue;
    const other = postgres.results.find((r) => r.name === row.name);
    if (!other || !(other.p50_ms > 0) || !(row.p50_ms > 0)) continue;
    ratios.push({ name: row.name, ratio: row.p50_ms / other.p50_ms });
  }
  if (ratios.length === 0) return undefined;
  const geomean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r.ratio), 0) / ratios.length);
  const worst = ratios.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return {
    ratio: Math.round(geomean * 100) / 100,
    worst_row: worst.name,
    worst_ratio: Math.round(worst.ratio * 100) / 100,
    rows: ratios.length,
  };
}
