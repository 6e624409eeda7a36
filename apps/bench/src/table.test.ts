import { describe, expect, it } from 'vitest';
import { renderReport, WEB_FIGURE, type BenchReport } from './report.ts';
import { formatNumber, formatTable } from './table.ts';
import {
  BUDGET_HISTORY_ROW,
  BUDGET_STATUS_ROW,
  DUE_ITEMS_JOB_ROW,
  evaluateTargets,
  EXPORT_ROW,
  IMPORT_COMMIT_ROW,
  IMPORT_PREVIEW_ROW,
  IMPORT_UNDO_ROW,
  SUGGESTIONS_ROW,
  UPCOMING_ROW,
} from './targets.ts';

describe('formatTable', () => {
  it('pads columns to their widest cell and right-aligns numbers', () => {
    const text = formatTable(
      [{ header: 'name' }, { header: 'p95 ms', align: 'right' }],
      [
        ['metrics.summary', '3.25'],
        ['x', '1,234.50'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'name               p95 ms',
      '---------------  --------',
      'metrics.summary      3.25',
      'x                1,234.50',
    ]);
  });

  it('formats missing numbers as a dash', () => {
    expect(formatNumber(undefined)).toBe('-');
    expect(formatNumber(Number.NaN)).toBe('-');
    expect(formatNumber(1234.5, 1)).toBe('1,234.5');
    expect(formatNumber(7, 0)).toBe('7');
  });
});

const run: Omit<BenchReport, 'targets'> = {
  database: 'postgres',
  rows: 100_000,
  generated_at: '2026-11-21T00:00:00.000Z',
  machine: { cpus: 2, model: 'AMD EPYC', memory_gb: 23, node: 'v20.20.2' },
  generation: { ms: 4_000, rows_per_s: 25_000 },
  results: [
    { name: 'metrics.summary all-time', p50_ms: 9, p95_ms: 12.5, p99_ms: 15 },
    { name: 'metrics.summary tRPC load', p50_ms: 20, p95_ms: 30, p99_ms: 40, rps: 480.4 },
  ],
  ratios: { trpc_vs_fastify: 0.812 },
};

describe('targets', () => {
  it('judges the summary p95 on PostgreSQL at 100,000 rows', () => {
    const { rows, links } = evaluateTargets(run);
    expect(rows.filter((row) => row.value !== null)).toEqual([
      {
        name: 'metrics.summary p95, one client',
        target: 'p95 ≤ 20 ms (postgres, 100,000 rows)',
        value: 12.5,
        met: true,
      },
      {
        name: 'every dashboard procedure p95, one client (worst row)',
        target: '≤ 50 ms (postgres, 1,000,000 rows)',
        value: 12.5,
        met: null,
      },
      {
        name: 'tRPC ÷ plain Fastify, requests/s of metrics.summary',
        target: '≥ 0.6 ×',
        value: 0.812,
        met: true,
      },
    ]);
    expect(links.map((l) => l.result)).toEqual(['metrics.summary all-time']);
  });

  it('judges the million-row targets on the worst one-client row of each kind', () => {
    const large = {
      ...run,
      rows: 1_000_000,
      results: [
        { name: 'metrics.summary all-time', p50_ms: 9, p95_ms: 31, p99_ms: 40 },
        { name: 'metrics.overTime all-time', p50_ms: 9, p95_ms: 52, p99_ms: 60 },
        { name: 'transactions.list page-1 all-time', p50_ms: 4, p95_ms: 6, p99_ms: 7 },
        { name: 'transactions.list page-10000 all-time', p50_ms: 5, p95_ms: 9.5, p99_ms: 12 },
        // A load row is not a one-client figure, whatever its name.
        { name: 'metrics.summary tRPC load', p50_ms: 80, p95_ms: 300, p99_ms: 400, rps: 99 },
      ],
    };
    const judged = (name: string) => evaluateTargets(large).rows.find((row) => row.name === name);
    expect(judged('every dashboard procedure p95, one client (worst row)')).toMatchObject({
      value: 52,
      met: false,
    });
    expect(judged('transactions.list p95, first and deep keyset page (worst row)')).toMatchObject({
      value: 9.5,
      met: true,
    });
  });

  it('reports but does not judge a target that does not apply to the run', () => {
    expect(evaluateTargets({ ...run, database: 'pglite' }).rows[0]?.met).toBeNull();
    expect(evaluateTargets({ ...run, rows: 1_000_000 }).rows[0]?.met).toBeNull();
  });

  it('judges the web bundle only when it was measured', () => {
    const web = (r: typeof run) => evaluateTargets(r).rows.find((row) => row.name === WEB_FIGURE);
    expect(web(run)).toBeUndefined();
    expect(web({ ...run, web_initial_js_gzip_kb: 151 })).toMatchObject({ value: 151, met: false });
  });

  it('judges the soak, memory and start-up figures, and lists a figure it could not measure', () => {
    const { rows } = evaluateTargets({
      ...run,
      soak: {
        connections: 200,
        seconds: 20,
        requests: 1000,
        ok: 996,
        non2xx: 1,
        // autocannon's errors include its timeouts: 4 failed requests in all (1 + 3), not 6.
        errors: 3,
        timeouts: 2,
        p99_ms: 900,
        server_rss_peak_mb: 150,
        server_rss_hwm_mb: 160,
      },
      startup: { first_ms: 4000, second_ms: 2500 },
      browser: { not_run: 'no Chromium' },
    });
    const byName = (name: string) => rows.find((row) => row.name === name);
    expect(byName('dashboard soak: failed requests')).toMatchObject({ value: 4, met: false });
    expect(byName('dashboard soak: p99 ms (reported)')).toMatchObject({ value: 900, met: null });
    expect(byName('server resident memory during the soak, peak MB')?.met).toBe(true);
    expect(byName('server start to /readyz, first start ever')?.met).toBe(true);
    expect(byName('server start to /readyz, existing data dir')?.met).toBe(false);
    expect(byName('filter_change_p95_ms (Chromium)')).toMatchObject({
      value: null,
      met: null,
      not_run: 'no Chromium',
    });
    expect(byName('bulk generation of 1,000,000 rows')).toBeUndefined();
  });
});

describe('planning and import targets', () => {
  const row = (name: string, p95_ms: number) => ({
    name,
    p50_ms: p95_ms / 2,
    p95_ms,
    p99_ms: p95_ms,
  });
  const large: Omit<BenchReport, 'targets'> = {
    ...run,
    rows: 1_000_000,
    results: [
      row(BUDGET_STATUS_ROW, 30),
      row(BUDGET_HISTORY_ROW, 50.5),
      row(UPCOMING_ROW, 12),
      row(DUE_ITEMS_JOB_ROW, 2_100),
      row(SUGGESTIONS_ROW, 4_000),
      row(EXPORT_ROW, 14_000),
      row(IMPORT_PREVIEW_ROW, 5_000),
      row(IMPORT_COMMIT_ROW, 11_000),
      row(IMPORT_UNDO_ROW, 4_900),
    ],
    imports: {
      file_rows: 100_000,
      file_mb: 2.9,
      counts: { new: 90_000, alreadyImported: 0, probable: 10_000, possible: 0 },
      server_rss_peak_mb: 310,
      export_lines: 1_000_000,
      export_mb: 120,
      export_server_rss_peak_mb: 180,
    },
  };

  it('judges each row against its limit on the 1,000,000-row PostgreSQL run, on its own row', () => {
    const { rows, links } = evaluateTargets(large);
    const verdicts = Object.fromEntries(
      links.map((l) => [l.result, [l.target.target, l.target.met]]),
    );
    expect(verdicts).toMatchObject({
      [BUDGET_STATUS_ROW]: ['p95 ≤ 30 ms (postgres, 1,000,000 rows)', true],
      [BUDGET_HISTORY_ROW]: ['p95 ≤ 50 ms (postgres, 1,000,000 rows)', false],
      [UPCOMING_ROW]: ['p95 ≤ 30 ms (postgres, 1,000,000 rows)', true],
      [DUE_ITEMS_JOB_ROW]: ['p95 ≤ 2,000 ms (postgres, 1,000,000 rows)', false],
      [SUGGESTIONS_ROW]: ['p95 ≤ 5,000 ms (postgres, 1,000,000 rows)', true],
      [EXPORT_ROW]: ['p95 ≤ 15,000 ms (postgres, 1,000,000 rows)', true],
      [IMPORT_PREVIEW_ROW]: ['p95 ≤ 5,000 ms (postgres, 1,000,000 rows)', true],
      [IMPORT_COMMIT_ROW]: ['p95 ≤ 10,000 ms (postgres, 1,000,000 rows)', false],
      [IMPORT_UNDO_ROW]: ['p95 ≤ 5,000 ms (postgres, 1,000,000 rows)', true],
    });
    const byName = (name: string) => rows.find((r) => r.name === name);
    expect(byName('server memory while previewing and committing them, peak MB')).toMatchObject({
      value: 310,
      met: false,
    });
    expect(byName('server memory while streaming the export, peak MB (reported)')).toMatchObject({
      value: 180,
      met: null,
    });
  });

  it('reports them without a verdict at another size', () => {
    const { links } = evaluateTargets({ ...large, rows: 20_000 });
    expect(links).toHaveLength(9);
    expect(links.every((l) => l.target.met === null)).toBe(true);
  });
});

describe('renderReport', () => {
  it('shows the target and its verdict on the row it judges', () => {
    const { rows, links } = evaluateTargets(run);
    const text = renderReport(
      { ...run, targets: rows },
      { links, samples: { 'metrics.summary all-time': 200 } },
    );
    const summaryLine = text
      .split('\n')
      .find((line) => line.startsWith('metrics.summary all-time'));
    expect(summaryLine).toMatch(
      / 200 +9\.00 +12\.50 +15\.00 +p95 ≤ 20 ms \(postgres, 100,000 rows\) +met$/,
    );
    expect(text).toContain('rps tRPC ÷ plain Fastify');
    expect(text).toMatch(/metrics\.summary tRPC load .* 480 *$/m);
  });
});
