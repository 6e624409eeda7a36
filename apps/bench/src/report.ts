/**
 * The bench's output: the JSON written to `results/latest.json` and the table printed for people.
 * The JSON shape is a contract with the issues and `docs/performance.md`; add fields, never rename.
 */
import { formatNumber, formatTable } from './table.ts';
import type { ImportFigures } from './phases/imports.ts';
import type { PlanningFigures } from './phases/planning.ts';
import type { WriteFigures } from './phases/writes.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface ResultRow {
  name: string;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** Requests per second, for rows measured under load. */
  rps?: number;
}

export interface TargetRow {
  name: string;
  /** The target in words, with where it applies: `p95 ≤ 20 ms (postgres, 100,000 rows)`. */
  target: string;
  /** `null` when the figure was not measured in this run (see `not_run`). */
  value: number | null;
  /** `null` when the target does not apply to this run (another database or row count), or was not run. */
  met: boolean | null;
  /** Why the figure was not measured (no Chromium, no run of the other database…). */
  not_run?: string;
}

export interface Machine {
  cpus: number;
  model: string;
  memory_gb: number;
  node: string;
}

export interface BenchReport {
  database: DatabaseKind;
  rows: number;
  generated_at: string;
  machine: Machine;
  generation: { ms: number; rows_per_s: number };
  results: ResultRow[];
  ratios: {
    trpc_vs_fastify: number;
    /** Geometric mean over the shared one-client latency rows of PGlite p50 ÷ PostgreSQL p50. */
    pglite_vs_postgres?: number;
  };
  /** The rate-limited `metrics.summary` run and the dashboard soak, against a server child process. */
  soak?: SoakFigures;
  /** Recording money: the dashboard after 1,000 edits, and what the change log costs a bulk load. */
  writes?: WriteFigures;
  /** Planning ahead: the budgets and recurring items made for the planning rows, and what they gave. */
  planning?: PlanningFigures;
  /** The export's and the import's sizes, what the preview found, and the server's memory. */
  imports?: ImportFigures;
  /** Server start to `/readyz` OK on a PGlite data directory, first start ever and the next. */
  startup?: { first_ms: number; second_ms: number };
  /** Where the PGlite ÷ PostgreSQL ratio came from, and its worst row. */
  comparison?: { pglite: string; postgres: string; worst_row: string; worst_ratio: number };
  targets: TargetRow[];
  web_initial_js_gzip_kb?: number;
  /** Chromium, through the Performance API: sign-in submitted to the dashboard drawn. */
  dashboard_ready_ms?: number;
  /** Chromium: a date-preset change to every card and chart redrawn, p95. */
  filter_change_p95_ms?: number;
  browser?: { filter_changes: number; filter_change_p50_ms: number } | { not_run: string };
}

export interface SoakFigures {
  connections: number;
  seconds: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p99_ms: number;
  /** Highest VmRSS sampled every 250 ms in the server process during the soak, MB. */
  server_rss_peak_mb: number;
  /** VmHWM (the kernel's resident high-water mark) of the server process after the soak, MB. */
  server_rss_hwm_mb: number;
}

/** How a target row is shown against a result row of the table. */
export interface TargetLink {
  /** The result row it judges. */
  result: string;
  target: TargetRow;
}

export interface RenderExtras {
  /** Timed requests behind each result row, by name. */
  samples?: Readonly<Record<string, number>>;
  /** Targets that judge a result row, shown on that row; the others go in the figures table. */
  links?: readonly TargetLink[];
}

/** The web bundle figure, and the name of its target. */
export const WEB_FIGURE = 'web initial JS, gzipped KB';

export function metLabel(met: boolean | null): string {
  if (met === null) return 'n.a.';
  return met ? 'met' : 'not met';
}

/** The printed report: a header line, the latency/throughput table and a table of other figures. */
export function renderReport(report: BenchReport, extras: RenderExtras = {}): string {
  const links = extras.links ?? [];
  const linked = new Set(links.map((link) => link.target.name));
  const header =
    `Outlay bench · ${report.database} · ${report.rows.toLocaleString('en-US')} transactions · ` +
    `${report.machine.cpus} × ${report.machine.model}, ${report.machine.memory_gb} GB, Node ${report.machine.node}`;

  const results = formatTable(
    [
      { header: 'name' },
      { header: 'n', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p95 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'rps', align: 'right' },
      { header: 'target' },
      { header: 'met?' },
    ],
    report.results.map((row) => {
      const link = links.find((l) => l.result === row.name);
      const n = extras.samples?.[row.name];
      return [
        row.name,
        n === undefined ? '' : formatNumber(n, 0),
        formatNumber(row.p50_ms),
        formatNumber(row.p95_ms),
        formatNumber(row.p99_ms),
        row.rps === undefined ? '' : formatNumber(row.rps, row.rps < 100 ? 1 : 0),
        link?.target.target ?? '',
        link ? metLabel(link.target.met) : '',
      ];
    }),
  );

  const figures: string[][] = [
    [
      'bulk generation',
      `${formatNumber(report.generation.ms / 1000, 1)} s, ${formatNumber(report.generation.rows_per_s, 0)} rows/s`,
      '',
      '',
    ],
    ['rps tRPC ÷ plain Fastify', formatNumber(report.ratios.trpc_vs_fastify, 3), '', ''],
  ];
  const unlinked = report.targets.filter((t) => !linked.has(t.name));
  // A figure with a target appears once, on its target's row.
  if (report.web_initial_js_gzip_kb !== undefined && !unlinked.some((t) => t.name === WEB_FIGURE)) {
    figures.push([WEB_FIGURE, formatNumber(report.web_initial_js_gzip_kb, 1), '', '']);
  }
  for (const target of unlinked) {
    figures.push([
      target.name,
      target.value === null
        ? `not run: ${target.not_run ?? 'unknown'}`
        : formatNumber(target.value, target.value < 10 && !Number.isInteger(target.value) ? 2 : 1),
      target.target,
      metLabel(target.met),
    ]);
  }
  const other = formatTable(
    [
      { header: 'figure' },
      { header: 'value', align: 'right' },
      { header: 'target' },
      { header: 'met?' },
    ],
    figures,
  );
  return [header, '', results, '', other].join('\n');
}
