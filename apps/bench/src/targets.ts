/**
 * The targets the issues set, each judged against one figure of a run. A later issue adds its
 * targets here as new entries; the runner, the JSON and the table pick them up unchanged.
 */
import {
  WEB_FIGURE,
  type BenchReport,
  type DatabaseKind,
  type TargetLink,
  type TargetRow,
} from './report.ts';

export interface TargetSpec {
  name: string;
  comparison: 'at-most' | 'at-least';
  limit: number;
  unit: 'ms' | 'KB' | 'MB' | '×' | '';
  /** The result row whose p95 this target judges (shown on that row of the table). */
  resultP95?: string;
  /** Any other figure of the run; `undefined` when this run did not measure it. */
  value?: (run: Omit<BenchReport, 'targets'>) => number | undefined;
  /** Why this run could not measure the figure; the target is then listed as not run. */
  notRun?: (run: Omit<BenchReport, 'targets'>) => string | undefined;
  /** Where the target applies; elsewhere the figure is still reported, with `met: null`. */
  appliesTo?: { database?: DatabaseKind; rows?: number };
}

export const SUMMARY_ALL_TIME = 'metrics.summary all-time';
/** The rate-limited load row: 200 requests/s offered, whatever the server answers. */
export const SUMMARY_AT_200_RPS = 'load: metrics.summary all-time, 200 rps offered';
/** The same against a server with the answer cache off (OUTLAY_METRICS_CACHE_MB=0). */
export const SUMMARY_AT_200_RPS_UNCACHED = 'load: metrics.summary all-time, 200 rps, cache off';
/** The write rows (writes.ts). */
export const CREATE_ROW = 'transactions.create via HTTP';
export const JUMP_ROW = 'transactions.list from a date mid-history';
export const BULK_UPDATE_ROW = 'transactions.bulkUpdate 10,000 rows';
export const UNDO_ROW = 'history.undo of a 10,000-row bulk update';
/** Planning rows (planning.ts): budgets, the Upcoming view, recurring items and their job. */
export const BUDGET_STATUS_ROW = 'budgets.status, 30 budgets, current period';
export const BUDGET_HISTORY_ROW = 'budgets.history, 30 budgets × 12 periods';
export const UPCOMING_ROW = 'dueItems.list, Upcoming 6 weeks, 1,000 series';
/** The same with the first 20 series only, a household's bills: reported. */
export const UPCOMING_FEW_ROW = 'dueItems.list, Upcoming 6 weeks, 20 series';
export const DUE_ITEMS_JOB_ROW = 'due-items job, 1,000 recurring items × 13 months';
export const SUGGESTIONS_ROW = 'recurring.suggestions over the whole history';
/** Export and import rows (imports.ts), against the server child. */
export const EXPORT_ROW = 'exports.transactionsCsv whole history, streamed';
export const IMPORT_PREVIEW_ROW = 'imports.preview of a 100,000-row CSV';
export const IMPORT_COMMIT_ROW = 'imports.commit of those 100,000 rows';
export const IMPORT_UNDO_ROW = 'imports.undo of the 100,000-row batch';
export const soakRowName = (connections: number) => `soak: dashboard batch, ${connections} conns`;

/** The worst p95 among the chosen one-client rows (load rows carry an `rps`). */
function worstP95(
  run: Omit<BenchReport, 'targets'>,
  include: (name: string) => boolean,
): number | undefined {
  const p95s = run.results
    .filter((r) => r.rps === undefined && include(r.name))
    .map((r) => r.p95_ms);
  return p95s.length > 0 ? Math.max(...p95s) : undefined;
}
const isListPage = (name: string) => name.startsWith('transactions.list page-');
const isDashboardProcedure = (name: string) => name.startsWith('metrics.') || isListPage(name);

const browserNotRun = (run: Omit<BenchReport, 'targets'>) =>
  run.browser && 'not_run' in run.browser ? run.browser.not_run : undefined;

const MILLION_ROWS_ON_POSTGRES = { database: 'postgres', rows: 1_000_000 } as const;
const HUNDRED_THOUSAND_ROWS_ON_POSTGRES = { database: 'postgres', rows: 100_000 } as const;

/**
 * A latency target: at most `limit` ms at the 95th percentile, of one result row (`of` is its
 * name) or of the worst of the one-client rows `of` picks.
 */
function p95Target(
  name: string,
  limit: number,
  of: string | ((name: string) => boolean),
  appliesTo?: TargetSpec['appliesTo'],
): TargetSpec {
  return {
    name,
    comparison: 'at-most',
    limit,
    unit: 'ms',
    ...(typeof of === 'string' ? { resultP95: of } : { value: (run) => worstP95(run, of) }),
    ...(appliesTo && { appliesTo }),
  };
}

export const TARGETS: readonly TargetSpec[] = [
  p95Target(
    'metrics.summary p95, one client',
    20,
    SUMMARY_ALL_TIME,
    HUNDRED_THOUSAND_ROWS_ON_POSTGRES,
  ),
  p95Target(
    'metrics.summary p95 at 200 requests/s offered',
    20,
    SUMMARY_AT_200_RPS,
    HUNDRED_THOUSAND_ROWS_ON_POSTGRES,
  ),
  p95Target(
    'metrics.summary p95 at 200 requests/s, answer cache off (reported)',
    Number.POSITIVE_INFINITY,
    SUMMARY_AT_200_RPS_UNCACHED,
  ),
  p95Target(
    'every dashboard procedure p95, one client (worst row)',
    50,
    isDashboardProcedure,
    MILLION_ROWS_ON_POSTGRES,
  ),
  p95Target(
    'transactions.list p95, first and deep keyset page (worst row)',
    10,
    isListPage,
    MILLION_ROWS_ON_POSTGRES,
  ),
  p95Target(
    'transactions.list p95, a page from any date (one request)',
    10,
    JUMP_ROW,
    MILLION_ROWS_ON_POSTGRES,
  ),
  {
    name: 'tRPC ÷ plain Fastify, requests/s of metrics.summary',
    comparison: 'at-least',
    limit: 0.6,
    unit: '×',
    value: (run) => run.ratios.trpc_vs_fastify,
  },
  {
    name: 'dashboard soak: failed requests',
    comparison: 'at-most',
    limit: 0,
    unit: '',
    // autocannon counts timeouts among its errors: adding them again would count them twice.
    value: (run) => run.soak && run.soak.non2xx + run.soak.errors,
    // PostgreSQL, where the deployed server runs. On PGlite the database runs on the server's one thread:
    // docs/performance.md has what 200 connections do to it.
    appliesTo: { database: 'postgres' },
  },
  {
    name: 'dashboard soak: p99 ms (reported)',
    comparison: 'at-most',
    limit: Number.POSITIVE_INFINITY,
    unit: 'ms',
    value: (run) => run.soak?.p99_ms,
  },
  {
    name: 'server resident memory during the soak, peak MB',
    comparison: 'at-most',
    limit: 200,
    unit: 'MB',
    value: (run) => run.soak?.server_rss_peak_mb,
    // The scale targets are for PostgreSQL unless stated; PGlite holds the database in the process.
    appliesTo: { database: 'postgres' },
  },
  {
    name: 'server start to /readyz, first start ever',
    comparison: 'at-most',
    limit: 5000,
    unit: 'ms',
    value: (run) => run.startup?.first_ms,
  },
  {
    name: 'server start to /readyz, existing data dir',
    comparison: 'at-most',
    limit: 2000,
    unit: 'ms',
    value: (run) => run.startup?.second_ms,
  },
  {
    name: 'PGlite ÷ PostgreSQL, latency p50 (geomean)',
    comparison: 'at-most',
    limit: 2,
    unit: '×',
    value: (run) => run.ratios.pglite_vs_postgres,
    notRun: () => 'no run of the other database at this size',
  },
  {
    name: 'bulk generation of 1,000,000 rows',
    comparison: 'at-most',
    limit: 30_000,
    unit: 'ms',
    value: (run) => (run.rows === 1_000_000 ? run.generation.ms : undefined),
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'dashboard_ready_ms (Chromium, after sign-in)',
    comparison: 'at-most',
    limit: 1500,
    unit: 'ms',
    value: (run) => run.dashboard_ready_ms,
    notRun: browserNotRun,
  },
  {
    name: 'filter_change_p95_ms (Chromium)',
    comparison: 'at-most',
    limit: 150,
    unit: 'ms',
    value: (run) => run.filter_change_p95_ms,
    notRun: browserNotRun,
  },
  {
    name: WEB_FIGURE,
    comparison: 'at-most',
    limit: 150,
    unit: 'KB',
    value: (run) => run.web_initial_js_gzip_kb,
  },
  p95Target(
    'transactions.create p95 through HTTP, one client',
    15,
    CREATE_ROW,
    MILLION_ROWS_ON_POSTGRES,
  ),
  p95Target(
    'transactions.bulkUpdate of 10,000 rows',
    1_000,
    BULK_UPDATE_ROW,
    MILLION_ROWS_ON_POSTGRES,
  ),
  p95Target('history.undo of that change set', 1_000, UNDO_ROW, MILLION_ROWS_ON_POSTGRES),
  {
    name: 'dashboard p95 after 1,000 random edits ÷ before (Σ of the procedures)',
    comparison: 'at-most',
    limit: 1.2,
    unit: '×',
    value: (run) => run.writes?.dashboard_after_edits_ratio,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'dashboard p95 after 1,000 random edits ÷ before, worst procedure (reported)',
    comparison: 'at-most',
    limit: Number.POSITIVE_INFINITY,
    unit: '×',
    value: (run) => run.writes?.dashboard_after_edits_worst_row_ratio,
  },
  {
    name: 'bulk load rows/s with the change log ÷ without',
    comparison: 'at-least',
    limit: 0.5,
    unit: '×',
    value: (run) => run.writes?.change_log_throughput_ratio,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'budgets.status for 30 budgets, current period',
    comparison: 'at-most',
    limit: 30,
    unit: 'ms',
    resultP95: BUDGET_STATUS_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'budget-vs-actual for 30 budgets × 12 periods',
    comparison: 'at-most',
    limit: 50,
    unit: 'ms',
    resultP95: BUDGET_HISTORY_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'due-item generation for 1,000 recurring items over 13 months',
    comparison: 'at-most',
    limit: 2_000,
    unit: 'ms',
    resultP95: DUE_ITEMS_JOB_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'Upcoming view data for 6 weeks',
    comparison: 'at-most',
    limit: 30,
    unit: 'ms',
    resultP95: UPCOMING_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'subscription detection over 1,000,000 rows',
    comparison: 'at-most',
    limit: 5_000,
    unit: 'ms',
    resultP95: SUGGESTIONS_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'preview of a 100,000-row CSV (parse + match against 1,000,000 rows)',
    comparison: 'at-most',
    limit: 5_000,
    unit: 'ms',
    resultP95: IMPORT_PREVIEW_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'commit of those 100,000 rows',
    comparison: 'at-most',
    limit: 10_000,
    unit: 'ms',
    resultP95: IMPORT_COMMIT_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'server memory while previewing and committing them, peak MB',
    comparison: 'at-most',
    limit: 300,
    unit: 'MB',
    value: (run) => run.imports?.server_rss_peak_mb,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'CSV export of 1,000,000 rows',
    comparison: 'at-most',
    limit: 15_000,
    unit: 'ms',
    resultP95: EXPORT_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
  {
    name: 'server memory while streaming the export, peak MB (reported)',
    comparison: 'at-most',
    limit: Number.POSITIVE_INFINITY,
    unit: 'MB',
    value: (run) => run.imports?.export_server_rss_peak_mb,
  },
  {
    name: 'undo of the 100,000-row batch',
    comparison: 'at-most',
    limit: 5_000,
    unit: 'ms',
    resultP95: IMPORT_UNDO_ROW,
    appliesTo: MILLION_ROWS_ON_POSTGRES,
  },
];

export function describeTarget(spec: TargetSpec): string {
  if (spec.limit === Number.POSITIVE_INFINITY) return 'reported';
  const op = spec.comparison === 'at-most' ? '≤' : '≥';
  const what = spec.resultP95 ? 'p95 ' : '';
  const where = [
    spec.appliesTo?.database,
    spec.appliesTo?.rows === undefined
      ? undefined
      : `${spec.appliesTo.rows.toLocaleString('en-US')} rows`,
  ].filter((part) => part !== undefined);
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const limit = spec.limit.toLocaleString('en-US');
  return `${what}${op} ${limit}${unit}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}

export interface EvaluatedTargets {
  rows: TargetRow[];
  links: TargetLink[];
}

/** Judges every target this run measured; targets whose figure is missing are left out. */
export function evaluateTargets(
  run: Omit<BenchReport, 'targets'>,
  specs: readonly TargetSpec[] = TARGETS,
): EvaluatedTargets {
  const rows: TargetRow[] = [];
  const links: TargetLink[] = [];
  for (const spec of specs) {
    const value = spec.resultP95
      ? run.results.find((r) => r.name === spec.resultP95)?.p95_ms
      : spec.value?.(run);
    if (value === undefined) {
      const reason = spec.notRun?.(run);
      if (reason !== undefined) {
        rows.push({
          name: spec.name,
          target: describeTarget(spec),
          value: null,
          met: null,
          not_run: reason,
        });
      }
      continue;
    }
    const applies =
      (spec.appliesTo?.database === undefined || spec.appliesTo.database === run.database) &&
      (spec.appliesTo?.rows === undefined || spec.appliesTo.rows === run.rows);
    const within = spec.comparison === 'at-most' ? value <= spec.limit : value >= spec.limit;
    const row: TargetRow = {
      name: spec.name,
      target: describeTarget(spec),
      value,
      met: applies && spec.limit !== Number.POSITIVE_INFINITY ? within : null,
    };
    rows.push(row);
    if (spec.resultP95) links.push({ result: spec.resultP95, target: row });
  }
  return { rows, links };
}
