import { describe, expect, it } from 'vitest';
import { comparePgliteToPostgres } from './compare.ts';

const row = (name: string, p95_ms: number) => ({ name, p50_ms: p95_ms, p95_ms, p99_ms: p95_ms });

describe('comparePgliteToPostgres', () => {
  it('takes the geometric mean of the shared latency rows and names the worst', () => {
    const result = comparePgliteToPostgres(
      { database: 'pglite', rows: 100, results: [row('a', 4), row('b', 1), row('load: x', 100)] },
      { database: 'postgres', rows: 100, results: [row('a', 1), row('b', 1), row('load: x', 1)] },
    );
    expect(result).toEqual({ ratio: 2, worst_row: 'a', worst_ratio: 4, rows: 2 });
  });

  it('refuses runs of different sizes or the wrong way round', () => {
    const a = { database: 'pglite' as const, rows: 100, results: [row('a', 1)] };
    const b = { database: 'postgres' as const, rows: 200, results: [row('a', 1)] };
    expect(comparePgliteToPostgres(a, b)).toBeUndefined();
    expect(comparePgliteToPostgres({ ...b, rows: 100 }, { ...a })).toBeUndefined();
  });
});
