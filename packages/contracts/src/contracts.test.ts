import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  divideRoundHalfUp,
  IsoDate,
  minorToDecimal,
  MinorUnits,
  TransactionFilter,
} from './index.ts';

describe('divideRoundHalfUp', () => {
  it('rounds halves away from zero and divides by zero to 0', () => {
    expect(divideRoundHalfUp(3, 2)).toBe(2);
    expect(divideRoundHalfUp(5, 4)).toBe(1);
    expect(divideRoundHalfUp(-3, 2)).toBe(-2);
    expect(divideRoundHalfUp(10_000, 3)).toBe(3_333);
    expect(divideRoundHalfUp(7, 0)).toBe(0);
    expect(Object.is(divideRoundHalfUp(0, 5), 0)).toBe(true);
  });

  it('is within half a unit of the exact quotient', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 10_000 }),
        (n, d) => {
          expect(Math.abs(divideRoundHalfUp(n, d) - n / d)).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });
});

describe('IsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    for (const bad of ['2023-02-29', '2025-13-01', '2025-04-31', '2025-1-01', '20250101', '']) {
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('MinorUnits', () => {
  it('refuses fractions and unsafe integers', () => {
    expect(MinorUnits.safeParse(12.5).success).toBe(false);
    expect(MinorUnits.safeParse(2 ** 53).success).toBe(false);
    expect(MinorUnits.safeParse(-(2 ** 53 - 1)).success).toBe(true);
  });
});

describe('TransactionFilter', () => {
  it('treats the empty object as everything and refuses unknown keys', () => {
    expect(TransactionFilter.parse({})).toEqual({});
    expect(TransactionFilter.safeParse({ form: '2025-01-01' }).success).toBe(false);
  });

  it('refuses reversed ranges and negative amounts, and trims the search text', () => {
    expect(TransactionFilter.safeParse({ from: '2025-02-01', to: '2025-01-01' }).success).toBe(
      false,
    );
    expect(TransactionFilter.safeParse({ minAmount: 10, maxAmount: 5 }).success).toBe(false);
    expect(TransactionFilter.safeParse({ minAmount: -1 }).success).toBe(false);
    expect(TransactionFilter.parse({ search: '  coffee ' })).toEqual({ search: 'coffee' });
    expect(TransactionFilter.safeParse({ search: '   ' }).success).toBe(false);
  });
});

describe('minorToDecimal', () => {
  it('writes minor units as an exact decimal', () => {
    expect(minorToDecimal(12345, 2)).toBe('123.45');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(-120000, 2)).toBe('-1200.00');
    expect(minorToDecimal(1234, 0)).toBe('1234');
    expect(minorToDecimal(1234, 3)).toBe('1.234');
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
  });

  it('refuses anything that is not a whole number of minor units', () => {
    expect(() => minorToDecimal(1.5, 2)).toThrow(RangeError);
    expect(() => minorToDecimal(Number.MAX_SAFE_INTEGER + 2, 2)).toThrow(RangeError);
  });
});

describe('currencyDigits', () => {
  it('takes the minor unit from ISO 4217 through Intl', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(() => currencyDigits('euro')).toThrow(RangeError);
  });
});
