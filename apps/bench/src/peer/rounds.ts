/**
 * Alternating rounds: each question is timed on one system, then the other, then again the other
 * way round, several times. A neighbour's burst of load on this shared machine then lands on both
 * systems rather than on whichever happened to run during it. Each round gives a p50 per system;
 * the figure reported is the median of those p50s (nearest rank, as everywhere in the bench: an
 * observed value, never an interpolation).
 *
 * A round stops early when its time budget is spent (after at least `minCalls`), so a question
 * that takes half a second does not hold the shared machine for minutes; the calls each round
 * made are reported with it.
 */
import { percentile, roundTo } from '../percentiles.ts';

export interface RoundOptions {
  /** Timed calls in the round, unless the budget runs out first. */
  calls: number;
  /** The round's time budget, ms; `minCalls` are made whatever it is. */
  budgetMs: number;
  minCalls: number;
  /** The clock, in ms; `performance.now` unless a test passes another. */
  now?: () => number;
}

export interface RoundsOptions extends Omit<RoundOptions, 'calls'> {
  rounds: number;
  /** Timed calls per round, per system (the walk to a deep page makes fewer). */
  calls: Record<System, number>;
  /** Untimed calls per system before the first round. */
  warmup: number;
}

export interface RoundsResult {
  /** Each round's p50, ms, in round order. */
  outlay: number[];
  actual: number[];
  /** The timed calls each round made. */
  calls: Record<System, number[]>;
}

export type System = 'outlay' | 'actual';

/** Which system goes first in round `round` (0-based): Outlay in even rounds, Actual in odd. */
export function roundOrder(round: number): [System, System] {
  return round % 2 === 0 ? ['outlay', 'actual'] : ['actual', 'outlay'];
}

export async function alternateRounds(
  calls: Record<System, () => Promise<unknown>>,
  options: RoundsOptions,
): Promise<RoundsResult> {
  for (const system of roundOrder(0)) {
    for (let i = 0; i < options.warmup; i++) await calls[system]();
  }
  const result: RoundsResult = { outlay: [], actual: [], calls: { outlay: [], actual: [] } };
  for (let round = 0; round < options.rounds; round++) {
    for (const system of roundOrder(round)) {
      const timed = await timedRound(calls[system], { ...options, calls: options.calls[system] });
      result[system].push(timed.p50);
      result.calls[system].push(timed.calls);
    }
  }
  return result;
}

/** One round of sequential calls: their p50, ms (rounded to 0.01), and how many were made. */
export async function timedRound(
  call: () => Promise<unknown>,
  options: RoundOptions,
): Promise<{ p50: number; calls: number }> {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + options.budgetMs;
  const samples: number[] = [];
  while (
    samples.length < options.calls &&
    (samples.length < options.minCalls || now() < deadline)
  ) {
    const started = now();
    await call();
    samples.push(now() - started);
  }
  const p50 = roundTo(
    percentile(
      samples.sort((a, b) => a - b),
      50,
    ),
    2,
  );
  return { p50, calls: samples.length };
}

/** The median of the rounds' p50s (nearest rank). */
export function medianOfRounds(p50s: readonly number[]): number {
  return percentile(
    [...p50s].sort((a, b) => a - b),
    50,
  );
}
