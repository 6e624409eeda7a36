/**
 * The side-by-side report: `results/peer.json` and the table printed for people. The JSON shape is
 * a contract with the issue and docs/performance.md — `{ rows, results: [{ name, outlay_p50_ms,
 * actual_p50_ms, ratio, target, met, answers_agree }] }` plus the run's context; add fields, never
 * rename.
 */
import type { Machine } from '../report.ts';
import { roundTo } from '../percentiles.ts';
import { formatNumber, formatTable } from '../table.ts';
import type { Target } from './questions.ts';

/** The row count the targets are stated at; at any other size `met` is `null`. */
export const TARGET_ROWS = 100_000;

export interface PeerResult {
  name: string;
  /** Time rows: the median of the rounds' p50s (start-up: the median of the starts). */
  outlay_p50_ms: number | null;
  actual_p50_ms: number | null;
  /** Memory and disk rows carry megabytes (1024²) here instead of milliseconds above. */
  outlay_mb?: number | null;
  actual_mb?: number | null;
  /** Outlay ÷ Actual: below 1 is Outlay ahead, 0.1 is ten times ahead. */
  ratio: number | null;
  /** The target in words. */
  target: string;
  /** `null` when the target does not apply to this run (row count) or the row was not measured. */
  met: boolean | null;
  /** Both systems gave the plain reference's answer; `null` for rows that answer nothing. */
  answers_agree: boolean | null;
  /** What differed, when the answers did not agree. */
  disagreement?: { outlay?: string; actual?: string };
  note?: string;
  /** Each round's p50, ms, in round order, and the timed calls each round made. */
  rounds?: { outlay: number[]; actual: number[]; calls: { outlay: number[]; actual: number[] } };
  /** List rows: Actual's same query without its split grouping (`splits: 'inline'`). */
  actual_without_split_grouping_p50_ms?: number;
  /** The deep page: one request from a cursor already at that row (reaching it is the walk). */
  outlay_page_by_cursor_p50_ms?: number;
  /** Start-up: the production server bundle, spawn to its first answer over HTTP. */
  outlay_server_over_http_ms?: number;
  /** Memory: Outlay's in-process child (the figure compared is the server's). */
  outlay_in_process_mb?: number;
  /** Disk: the part of Outlay's figure that is PostgreSQL's write-ahead log (`pg_wal`). */
  outlay_wal_mb?: number;
}

export interface PeerReport {
  rows: number;
  generated_at: string;
  machine: Machine;
  /** `uptime`'s load averages when the run started: the machine is shared. */
  load_average: number[];
  command: string;
  actual_version: string;
  settings: {
    rounds: number;
    calls: number;
    walk_calls: number;
    round_budget_s: number;
    starts: number;
    search: string;
    /** The start-up children ran under `--cpu-prof`: their figures are not comparable. */
    cpu_profiled: boolean;
  };
  setup: {
    /** The last day of the history (fixed, so every run holds the same rows). */
    history_end: string;
    outlay_generation_ms: number;
    /** Loading the rows through Actual's API; `null` when its budget came from the cache. */
    actual_import_ms: number | null;
    actual_install_ms: number | null;
  };
  results: PeerResult[];
  /** The whole run, install included, seconds. */
  run_seconds: number;
}

/** Ratio and verdict of one row. */
export function judge(
  target: Target,
  outlay: number | null,
  actual: number | null,
  rows: number,
): { ratio: number | null; met: boolean | null } {
  const ratio =
    outlay !== null && actual !== null && actual > 0 ? roundTo(outlay / actual, 3) : null;
  if (rows !== TARGET_ROWS || outlay === null || target.kind === 'none')
    return { ratio, met: null };
  if (target.kind === 'ratio') return { ratio, met: ratio === null ? null : ratio <= target.max };
  const under = outlay <= target.max;
  if (!target.ahead) return { ratio, met: under };
  return { ratio, met: ratio === null ? null : under && ratio < 1 };
}

export function describeTarget(target: Target, unit: 'ms' | 'MB'): string {
  switch (target.kind) {
    case 'ratio':
      return `ratio ≤ ${target.max}`;
    case 'absolute': {
      const limit = unit === 'ms' ? `${target.max / 1000} s` : `${target.max} MB`;
      return target.ahead ? `≤ ${limit}, ahead of Actual` : `≤ ${limit}`;
    }
    case 'none':
      return '—';
  }
}

/** A row's two figures with their unit, for the table. */
function figures(result: PeerResult): [string, string] {
  if (result.outlay_mb !== undefined || result.actual_mb !== undefined) {
    return [mb(result.outlay_mb), mb(result.actual_mb)];
  }
  return [ms(result.outlay_p50_ms), ms(result.actual_p50_ms)];
}

/** Milliseconds to 0.01 below 100 ms, whole above: hundredths of a slow figure are noise. */
const ms = (value: number | null) =>
  value === null ? 'n/a' : `${formatNumber(value, value < 100 ? 2 : 0)} ms`;
const mb = (value: number | null | undefined) =>
  value === null || value === undefined ? 'n/a' : `${formatNumber(value, 1)} MB`;

function verdict(met: boolean | null): string {
  return met === null ? '—' : met ? 'met' : 'NOT MET';
}

function agreementCell(agree: boolean | null): string {
  return agree === null ? '—' : agree ? 'yes' : 'NO';
}

/** The table, then each row's note. */
export function renderPeerReport(report: PeerReport): string {
  const table = formatTable(
    [
      { header: 'question' },
      { header: 'Outlay', align: 'right' },
      { header: 'Actual', align: 'right' },
      { header: 'Outlay ÷ Actual', align: 'right' },
      { header: 'target' },
      { header: 'met' },
      { header: 'agree' },
    ],
    report.results.map((result) => {
      const [outlay, actual] = figures(result);
      return [
        result.name,
        outlay,
        actual,
        result.ratio === null ? 'n/a' : `${formatNumber(result.ratio, 3)}×`,
        result.target,
        verdict(result.met),
        agreementCell(result.answers_agree),
      ];
    }),
  );
  const notes = report.results
    .filter((result) => result.note !== undefined)
    .map((result) => `- ${result.name}: ${result.note}`);
  const size =
    report.rows === TARGET_ROWS
      ? ''
      : ` (targets are stated at ${TARGET_ROWS.toLocaleString('en-US')} rows: not judged at this size)`;
  return [
    `Outlay (PGlite, embedded) vs Actual Budget ${report.actual_version} (SQLite, embedded), ` +
      `${report.rows.toLocaleString('en-US')} rows${size}`,
    '',
    table,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}
