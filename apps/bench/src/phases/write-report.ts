/**
 * The report: PGlite ÷ PostgreSQL from this run and the last run of the other database at this
 * size, the targets judged, `results/latest.json` (and `<database>-<rows>.json`) written, and the
 * table printed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { BrowserFigures } from '../browser.ts';
import { comparePgliteToPostgres } from '../compare.ts';
import { describeMachine } from '../machine.ts';
import { renderReport, type BenchReport, type SoakFigures } from '../report.ts';
import { evaluateTargets } from '../targets.ts';
import type { WebBundleSize } from '../web-bundle.ts';
import type { BenchData } from './data.ts';
import { log, type BenchRun } from './run.ts';
import type { ImportFigures } from './imports.ts';
import type { PlanningFigures } from './planning.ts';
import type { WriteFigures } from './writes.ts';

export interface RunFigures {
  trpcVsFastify: number;
  soak: SoakFigures;
  startup: { first_ms: number; second_ms: number };
  web: WebBundleSize;
  browser: BrowserFigures;
  writes: WriteFigures;
  planning: PlanningFigures;
  imports: ImportFigures;
}

export function writeReportPhase(
  run: BenchRun,
  data: BenchData,
  figures: RunFigures,
  resultsDir: string,
): void {
  const { measured } = run;
  const kind = data.bench.outlay.kind;
  const other = kind === 'pglite' ? 'postgres' : 'pglite';
  const otherFile = `${resultsDir}${other}-${data.rows}.json`;
  const thisRun = { database: kind, rows: data.rows, results: measured.map((m) => m.row) };
  const otherRun = existsSync(otherFile)
    ? (JSON.parse(readFileSync(otherFile, 'utf8')) as BenchReport)
    : undefined;
  const comparison = otherRun
    ? kind === 'pglite'
      ? comparePgliteToPostgres(thisRun, otherRun)
      : comparePgliteToPostgres(otherRun, thisRun)
    : undefined;
  if (comparison) {
    log(
      `PGlite ÷ PostgreSQL p50 (geomean of ${comparison.rows} rows): ${comparison.ratio}; worst ${comparison.worst_row} ${comparison.worst_ratio}`,
    );
  } else
    log(
      `PGlite ÷ PostgreSQL: no ${other}-${data.rows}.json to compare with (run the bench on ${other})`,
    );
  const now = new Date().toISOString();
  const { web, browser: browserFigures } = figures;

  const unjudged: Omit<BenchReport, 'targets'> = {
    database: kind,
    rows: data.rows,
    generated_at: now,
    machine: describeMachine(),
    generation: data.generation,
    results: measured.map((m) => m.row),
    ratios: {
      trpc_vs_fastify: figures.trpcVsFastify,
      ...(comparison ? { pglite_vs_postgres: comparison.ratio } : {}),
    },
    soak: figures.soak,
    startup: figures.startup,
    writes: figures.writes,
    planning: figures.planning,
    imports: figures.imports,
    ...(comparison && otherRun
      ? {
          comparison: {
            pglite: kind === 'pglite' ? now : otherRun.generated_at,
            postgres: kind === 'postgres' ? now : otherRun.generated_at,
            worst_row: comparison.worst_row,
            worst_ratio: comparison.worst_ratio,
          },
        }
      : {}),
    ...('kb' in web ? { web_initial_js_gzip_kb: web.kb } : {}),
    ...('not_run' in browserFigures
      ? { browser: browserFigures }
      : {
          dashboard_ready_ms: browserFigures.dashboard_ready_ms,
          filter_change_p95_ms: browserFigures.filter_change_p95_ms,
          browser: {
            filter_changes: browserFigures.filter_changes,
            filter_change_p50_ms: browserFigures.filter_change_p50_ms,
          },
        }),
  };
  const { rows: targetRows, links } = evaluateTargets(unjudged);
  const { web_initial_js_gzip_kb, dashboard_ready_ms, filter_change_p95_ms, browser, ...rest } =
    unjudged;
  // Key order as documented: targets before the optional web and browser figures.
  const report: BenchReport = {
    ...rest,
    targets: targetRows,
    ...(web_initial_js_gzip_kb === undefined ? {} : { web_initial_js_gzip_kb }),
    ...(dashboard_ready_ms === undefined ? {} : { dashboard_ready_ms }),
    ...(filter_change_p95_ms === undefined ? {} : { filter_change_p95_ms }),
    ...(browser === undefined ? {} : { browser }),
  };

  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(`${resultsDir}latest.json`, json);
  writeFileSync(`${resultsDir}${kind}-${data.rows}.json`, json);

  const samples = Object.fromEntries(measured.map((m) => [m.row.name, m.samples]));
  process.stdout.write(`\n${renderReport(report, { samples, links })}\n\n`);
}
