/**
 * One latency case: sequential calls of one function, warm-up first, then timed with
 * `performance.now()` until the iteration count or the time budget runs out.
 */
import { latencyPercentiles, type Percentiles } from './percentiles.ts';

export interface LatencyOptions {
  iterations: number;
  warmup: number;
  /** Bound on the whole case, warm-up included; at least 10 timed calls are always made. */
  budgetMs: number;
}

export interface LatencyResult extends Percentiles {
  samples: number;
}

const MIN_SAMPLES = 10;

export async function measureLatency(
  call: () => Promise<unknown>,
  options: LatencyOptions,
): Promise<LatencyResult> {
  const started = performance.now();
  const warmupUntil = started + options.budgetMs * 0.1;
  for (let i = 0; i < options.warmup && performance.now() < warmupUntil; i++) await call();

  const deadline = started + options.budgetMs;
  const samples: number[] = [];
  while (
    samples.length < options.iterations &&
    (samples.length < MIN_SAMPLES || performance.now() < deadline)
  ) {
    const t0 = performance.now();
    await call();
    samples.push(performance.now() - t0);
  }
  return { ...latencyPercentiles(samples), samples: samples.length };
}
