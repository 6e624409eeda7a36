import { describe, expect, it } from 'vitest';
import { describeTarget, judge, renderPeerReport, type PeerReport } from './report.ts';

describe('judge', () => {
  it('rounds the ratio and compares it with a ratio target at 100,000 rows', () => {
    expect(judge({ kind: 'ratio', max: 0.1 }, 4.2, 20.5, 100_000)).toEqual({
      ratio: 0.205,
      met: false,
    });
    expect(judge({ kind: 'ratio', max: 0.1 }, 2, 20.5, 100_000)).toEqual({
      ratio: 0.098,
      met: true,
    });
    expect(judge({ kind: 'ratio', max: 0.25 }, 5, 20, 100_000)).toEqual({ ratio: 0.25, met: true });
  });

  it('does not judge at another size, but still reports the ratio', () => {
    expect(judge({ kind: 'ratio', max: 0.1 }, 1, 20, 5_000)).toEqual({ ratio: 0.05, met: null });
  });

  it('judges absolute targets on Outlay, and "ahead" against Actual too', () => {
    const start = { kind: 'absolute', max: 450, ahead: true } as const;
    expect(judge(start, 400, 460, 100_000)).toEqual({ ratio: 0.87, met: true });
    expect(judge(start, 400, 380, 100_000)).toEqual({ ratio: 1.053, met: false });
    expect(judge(start, 500, 900, 100_000)).toEqual({ ratio: 0.556, met: false });
    expect(judge({ kind: 'absolute', max: 250 }, 240, 100, 100_000)).toEqual({
      ratio: 2.4,
      met: true,
    });
  });

  it('has no verdict without a target or a figure', () => {
    expect(judge({ kind: 'none' }, 10, 5, 100_000)).toEqual({ ratio: 2, met: null });
    expect(judge({ kind: 'ratio', max: 0.1 }, null, null, 100_000)).toEqual({
      ratio: null,
      met: null,
    });
  });
});

describe('describeTarget', () => {
  it('says each kind of target in words', () => {
    expect(describeTarget({ kind: 'ratio', max: 0.1 }, 'ms')).toBe('ratio ≤ 0.1');
    expect(describeTarget({ kind: 'absolute', max: 450, ahead: true }, 'ms')).toBe(
      '≤ 0.45 s, ahead of Actual',
    );
    expect(describeTarget({ kind: 'absolute', max: 60 }, 'MB')).toBe('≤ 60 MB');
    expect(describeTarget({ kind: 'none' }, 'MB')).toBe('—');
  });
});

const report: PeerReport = {
  rows: 100_000,
  generated_at: '2026-12-05T00:00:00.000Z',
  machine: { cpus: 2, model: 'AMD EPYC', memory_gb: 23.5, node: 'v20.20.2' },
  load_average: [1, 1, 1],
  command: 'pnpm bench:peer',
  actual_version: '26.9.0',
  settings: {
    rounds: 6,
    calls: 40,
    walk_calls: 2,
    round_budget_s: 10,
    starts: 3,
    search: 'x',
    cpu_profiled: false,
  },
  setup: {
    history_end: '2026-11-30',
    outlay_generation_ms: 1,
    actual_import_ms: 1,
    actual_install_ms: null,
  },
  results: [
    {
      name: 'total spend, last 12 months',
      outlay_p50_ms: 4.2,
      actual_p50_ms: 20.5,
      ratio: 0.205,
      target: 'ratio ≤ 0.1',
      met: false,
      answers_agree: true,
    },
    {
      name: 'process start to first answer, existing data',
      outlay_p50_ms: 1_060,
      actual_p50_ms: 460,
      ratio: 2.304,
      target: '≤ 0.45 s, ahead of Actual',
      met: false,
      answers_agree: true,
      note: 'median of the starts',
    },
    {
      name: 'disk for the rows, after a clean shutdown',
      outlay_p50_ms: null,
      actual_p50_ms: null,
      outlay_mb: 174,
      actual_mb: 57,
      ratio: 3.053,
      target: '≤ 60 MB',
      met: false,
      answers_agree: null,
    },
    {
      name: 'entry of 10,000 transactions through the API',
      outlay_p50_ms: null,
      actual_p50_ms: null,
      ratio: null,
      target: 'ratio ≤ 0.1',
      met: null,
      answers_agree: null,
      note: 'n/a until transactions.create exists',
    },
  ],
  run_seconds: 600,
};

describe('renderPeerReport', () => {
  it('prints each row with its unit, ratio, target, verdict and agreement, then the notes', () => {
    const lines = renderPeerReport(report).split('\n');
    expect(lines[0]).toBe(
      'Outlay (PGlite, embedded) vs Actual Budget 26.9.0 (SQLite, embedded), 100,000 rows',
    );
    const row = (name: string) => lines.find((line) => line.startsWith(name))!.split(/\s{2,}/);
    expect(row('total spend')).toEqual([
      'total spend, last 12 months',
      '4.20 ms',
      '20.50 ms',
      '0.205×',
      'ratio ≤ 0.1',
      'NOT MET',
      'yes',
    ]);
    expect(row('process start')).toEqual([
      'process start to first answer, existing data',
      '1,060 ms',
      '460 ms',
      '2.304×',
      '≤ 0.45 s, ahead of Actual',
      'NOT MET',
      'yes',
    ]);
    expect(row('disk')).toEqual([
      'disk for the rows, after a clean shutdown',
      '174.0 MB',
      '57.0 MB',
      '3.053×',
      '≤ 60 MB',
      'NOT MET',
      '—',
    ]);
    expect(row('entry of')).toEqual([
      'entry of 10,000 transactions through the API',
      'n/a',
      'n/a',
      'n/a',
      'ratio ≤ 0.1',
      '—',
      '—',
    ]);
    expect(lines.slice(-2)).toEqual([
      '- process start to first answer, existing data: median of the starts',
      '- entry of 10,000 transactions through the API: n/a until transactions.create exists',
    ]);
  });

  it('says when the row count is not the one the targets are stated at', () => {
    expect(renderPeerReport({ ...report, rows: 5_000 }).split('\n')[0]).toContain(
      'targets are stated at 100,000 rows: not judged at this size',
    );
  });
});
