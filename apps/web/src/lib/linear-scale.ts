/**
 * A linear scale with "nice" round ticks: the one scale the charts need. Written here rather than
 * taken from @visx/scale, whose d3-scale brings interpolators, colour parsing, number and time
 * formatting — about 9 KB gzipped of a 150 KB budget — for a function that is a line.
 */

export interface LinearScale {
  (value: number): number;
  invert(position: number): number;
  /** Round values across the domain, about `count` of them. */
  ticks(count: number): number[];
  domain: readonly [number, number];
}

/** 1, 2 or 5 times a power of ten: the step a person would choose for about `count` ticks. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count < 1) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor =
    error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * power;
}

/** Trims binary-fraction noise: 0.30000000000000004 → 0.3. */
function snap(value: number): number {
  return Number(value.toPrecision(12));
}

/** The largest k with k × step ≤ value, exact despite 0.6 / 0.2 = 2.9999999999999996. */
function floorTo(value: number, step: number): number {
  const k = Math.floor(value / step);
  return snap((k + 1) * step) <= value ? k + 1 : k;
}

/** The smallest k with k × step ≥ value. */
function ceilTo(value: number, step: number): number {
  const k = Math.ceil(value / step);
  return snap((k - 1) * step) >= value ? k - 1 : k;
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
  options: { nice?: number; integer?: boolean } = {},
): LinearScale {
  // Whole minor units never need a step below one.
  const stepFor = (span: number, count: number) =>
    options.integer ? Math.max(1, niceStep(span, count)) : niceStep(span, count);
  let [d0, d1] = domain;
  if (options.nice !== undefined && d1 > d0) {
    // Widening the domain can change the step (42 → 80 wide: 20 → 50), so repeat until the
    // step settles; then `ticks(nice)` lands on both ends (d3's `nice` does the same).
    let previous = 0;
    for (let round = 0; round < 10; round += 1) {
      const step = stepFor(d1 - d0, options.nice);
      if (step === previous) break;
      d0 = snap(floorTo(d0, step) * step);
      d1 = snap(ceilTo(d1, step) * step);
      previous = step;
    }
  }
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as LinearScale;
  scale.invert = (position) => d0 + ((position - r0) / (r1 - r0 || 1)) * span;
  scale.ticks = (count) => {
    const step = stepFor(d1 - d0, count);
    const ticks: number[] = [];
    // Integer multiples of the step, trimmed to 12 significant digits so 3 × 0.2 is 0.6.
    for (let i = ceilTo(d0, step), last = floorTo(d1, step); i <= last; i += 1) {
      ticks.push(snap(i * step));
    }
    return ticks;
  };
  scale.domain = [d0, d1];
  return scale;
}

/**
 * The smallest and largest of `values`, widened to include `floor` and `ceiling` (zero, or one
 * major unit for an all-zero chart). A loop, not `Math.max(...values)`: spreading a long array
 * into arguments overflows the call stack, and a chart must draw whatever answer it gets.
 */
export function valueExtent(
  values: readonly number[],
  floor: number,
  ceiling: number,
): [number, number] {
  let low = floor;
  let high = ceiling;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return [low, high];
}
