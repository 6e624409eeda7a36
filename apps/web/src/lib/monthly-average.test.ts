import type { MetricsSummary } from '@outlay/contracts';
import { describe, expect, it } from 'vitest';
import { createFormatters } from './format.ts';
import { monthlyAverage } from './monthly-average.ts';

const format = createFormatters('en-US', 'USD');

/** A summary as the API answers it: total ÷ the calendar months the range touches. */
function summary(rangeFrom: string, rangeTo: string, months: number): MetricsSummary {
  const totalSpend = 120_000;
  return {
    currency: 'USD',
    totalSpend,
    totalIncome: 0,
    net: -totalSpend,
    purchaseCount: 10,
    transactionCount: 10,
    averageTransaction: 12_000,
    averageMonthlySpend: Math.round(totalSpend / months),
    months,
    rangeFrom,
    rangeTo,
    topCategories: [],
  };
}

describe('average monthly spend', () => {
  it('is none for a week: a range inside one month never repeats its total as an average', () => {
    expect(monthlyAverage(summary('2025-11-10', '2025-11-16', 1), format)).toBeNull();
    expect(monthlyAverage(summary('2025-11-01', '2025-11-21', 1), format)).toBeNull();
  });

  it('is the month’s total for one whole month, and the average over whole months', () => {
    expect(monthlyAverage(summary('2025-10-01', '2025-10-31', 1), format)).toEqual({
      value: 120_000,
      detail: 'over 1 month',
    });
    expect(monthlyAverage(summary('2024-11-01', '2025-10-31', 12), format)).toEqual({
      value: 10_000,
      detail: 'over 12 months',
    });
  });

  it('names the partial months it divides by', () => {
    expect(monthlyAverage(summary('2025-01-01', '2025-11-21', 11), format)?.detail).toBe(
      'over 11 months, the last partial',
    );
    expect(monthlyAverage(summary('2025-10-23', '2025-11-21', 2), format)?.detail).toBe(
      'over 2 months, both partial',
    );
    expect(monthlyAverage(summary('2023-11-14', '2025-11-21', 25), format)?.detail).toBe(
      'over 25 months, the first and last partial',
    );
    expect(monthlyAverage(summary('2023-11-14', '2025-10-31', 24), format)?.detail).toBe(
      'over 24 months, the first partial',
    );
  });
});
