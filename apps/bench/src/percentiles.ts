/**
 * Latency percentiles by the nearest-rank method: p95 is the smallest sample that at least 95% of
 * the samples do not exceed. No interpolation, so every reported figure is a latency that was
 * actually observed.
 */

export interface Percentiles {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

/** The `q`-th percentile (0 < q ≤ 100) of samples sorted ascending. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no samples');
  if (!(q > 0 && q <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${q}`);
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** p50, p95 and p99 of unsorted samples in milliseconds, rounded to 0.01 ms. */
export function latencyPercentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50_ms: roundTo(percentile(sorted, 50), 2),
    p95_ms: roundTo(percentile(sorted, 95), 2),
    p99_ms: roundTo(percentile(sorted, 99), 2),
  };
}

export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
