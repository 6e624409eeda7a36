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
  /** Which issue set it, for readers of this file. */
  source: string;
  comparison: 'at-most' | 'at-least';
  limit: number;
  unit: 'ms' | 'KB' | '';
  /** The result row whose p95 this target judges (shown on that row of the table). */
  resultP95?: string;
  /** Any other figure of the run; `undefined` when this run did not measure it. */
  value?: (run: Omit<BenchReport, 'targets'>) => number | undefined;
  /** Where the target applies; elsewhere the figure is still reported, with `met: null`. */
  appliesTo?: { database?: DatabaseKind; rows?: number };
}

export const SUMMARY_ALL_TIME = 'metrics.summary all-time';

export const TARGETS: readonly TargetSpec[] = [
  {
    name: 'metrics.summary p95, one client',
    source: 'issue 2',
    comparison: 'at-most',
    limit: 20,
    unit: 'ms',
    resultP95: SUMMARY_ALL_TIME,
    appliesTo: { database: 'postgres', rows: 100_000 },
  },
  {
    name: WEB_FIGURE,
    source: 'issue 3',
    comparison: 'at-most',
    limit: 150,
    unit: 'KB',
    value: (run) => run.web_initial_js_gzip_kb,
  },
];

export function describeTarget(spec: TargetSpec): string {
  const op = spec.comparison === 'at-most' ? '≤' : '≥';
  const what = spec.resultP95 ? 'p95 ' : '';
  const where = [
    spec.appliesTo?.database,
    spec.appliesTo?.rows === undefined
      ? undefined
      : `${spec.appliesTo.rows.toLocaleString('en-US')} rows`,
  ].filter((part) => part !== undefined);
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return `${what}${op} ${spec.limit}${unit}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
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
    if (value === undefined) continue;
    const applies =
      (spec.appliesTo?.database === undefined || spec.appliesTo.database === run.database) &&
      (spec.appliesTo?.rows === undefined || spec.appliesTo.rows === run.rows);
    const within = spec.comparison === 'at-most' ? value <= spec.limit : value >= spec.limit;
    const row: TargetRow = {
      name: spec.name,
      target: describeTarget(spec),
      value,
      met: applies ? within : null,
    };
    rows.push(row);
    if (spec.resultP95) links.push({ result: spec.resultP95, target: row });
  }
  return { rows, links };
}
