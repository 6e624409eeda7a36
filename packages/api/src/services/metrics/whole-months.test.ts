import { describe, expect, it } from 'vitest';
import { wholeMonths } from './spend.ts';

describe('wholeMonths', () => {
  it('finds the whole months inside a range, unbounded where the range is open', () => {
    expect(wholeMonths(undefined, undefined)).toEqual({ first: null, last: null });
    expect(wholeMonths('2025-01-01', '2025-03-31')).toEqual({
      first: '2025-01-01',
      last: '2025-03-01',
    });
    expect(wholeMonths('2025-01-15', '2025-03-30')).toEqual({
      first: '2025-02-01',
      last: '2025-02-01',
    });
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({
      first: '2024-02-01',
      last: '2024-02-01',
    });
    expect(wholeMonths('2024-12-02', undefined)).toEqual({ first: '2025-01-01', last: null });
    expect(wholeMonths(undefined, '2025-01-30')).toEqual({ first: null, last: '2024-12-01' });
  });

  it('returns null when no whole month fits', () => {
    expect(wholeMonths('2025-01-02', '2025-01-31')).toBeNull();
    expect(wholeMonths('2025-01-15', '2025-02-14')).toBeNull();
    expect(wholeMonths('2025-03-01', '2025-03-30')).toBeNull();
  });
});
