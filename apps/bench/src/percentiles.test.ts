import { describe, expect, it } from 'vitest';
import { latencyPercentiles, percentile, roundTo } from './percentiles.ts';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks an observed sample', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
  });

  it('puts p99 of a small sample on its maximum', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 99)).toBe(10);
  });

  it('refuses no samples and out-of-range ranks', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('latencyPercentiles', () => {
  it('sorts unsorted samples and rounds to 0.01 ms', () => {
    const samples = [5.555, 1.111, 3.333, 2.222, 4.444];
    expect(latencyPercentiles(samples)).toEqual({ p50_ms: 3.33, p95_ms: 5.56, p99_ms: 5.56 });
    expect(samples[0]).toBe(5.555);
  });

  it('rounds to the given number of decimals', () => {
    expect(roundTo(0.125, 2)).toBe(0.13);
    expect(roundTo(1234.5678, 1)).toBe(1234.6);
    expect(roundTo(0.4, 0)).toBe(0);
  });
});
