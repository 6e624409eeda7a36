import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale, niceStep, valueExtent } from './linear-scale.ts';

describe('linearScale', () => {
  it('maps the domain onto the range and back', () => {
    const x = linearScale([0, 200], [0, 100]);
    expect(x(0)).toBe(0);
    expect(x(100)).toBe(50);
    expect(x(200)).toBe(100);
    expect(x.invert(25)).toBe(50);
    const y = linearScale([0, 10], [200, 0]);
    expect(y(10)).toBe(0);
    expect(y(0)).toBe(200);
  });

  it('rounds the domain out to nice steps and ticks on them', () => {
    // Found by the property below: widening [-21, 21] to twenties changes the step to fifty.
    const wide = linearScale([-21, 21], [0, 1], { nice: 2 });
    expect(wide.domain).toEqual([-50, 50]);
    expect(wide.ticks(2)).toEqual([-50, 0, 50]);
    const y = linearScale([0, 251_234], [100, 0], { nice: 4 });
    expect(y.domain).toEqual([0, 300_000]);
    expect(y.ticks(4)).toEqual([0, 100_000, 200_000, 300_000]);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(linearScale([0, 1], [0, 1]).ticks(5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('nices every chart domain so that its ends are ticks and it still holds the data (property)', () => {
    // The charts' domains: whole minor units, from min(0, lowest) to max(1, highest).
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 0 }),
        fc.integer({ min: 1, max: 1e13 }),
        fc.integer({ min: 2, max: 10 }),
        (lo, hi, count) => {
          const scale = linearScale([lo, hi], [0, 1], { nice: count, integer: true });
          const ticks = scale.ticks(count);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks[0]).toBe(scale.domain[0]);
          expect(ticks.at(-1)).toBe(scale.domain[1]);
          expect(scale.domain[0]).toBeLessThanOrEqual(lo);
          expect(scale.domain[1]).toBeGreaterThanOrEqual(hi);
          expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('valueExtent', () => {
  it('finds the extent of any number of values, far more than fit in a call’s arguments', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i % 1_000) - 10);
    expect(valueExtent(values, 0, 1)).toEqual([-10, 989]);
    expect(valueExtent([], 0, 100)).toEqual([0, 100]);
    expect(valueExtent([5, 7], 0, 100)).toEqual([0, 100]);
  });

  it('agrees with Math.min and Math.max where those work', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 200 }), (values) => {
        expect(valueExtent(values, 0, 1)).toEqual([Math.min(0, ...values), Math.max(1, ...values)]);
      }),
    );
  });
});
