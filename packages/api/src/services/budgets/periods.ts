import {
  addMonths,
  type BudgetPeriod,
  bucketStart,
  fromEpochDay,
  MAX_DATE,
  MIN_DATE,
  monthsTouched,
  nextBucketStart,
  addDays,
  toEpochDay,
} from '@outlay/contracts';

/**
 * Budget periods are calendar weeks (ISO, from Monday, the week buckets of `metrics.overTime`) and
 * calendar months, numbered so that rollover can walk them as integers: all arithmetic through
 * the calendar module.
 */
export const granularityOf = (period: BudgetPeriod) => (period === 'weekly' ? 'week' : 'month');

/**
 * The week or month holding `date`: its first and last day, clipped to the date domain (the week
 * of 2100-12-31 runs to 2101-01-02, which no contract may carry; 1900-01-01 was a Monday).
 */
export function periodOf(date: string, period: BudgetPeriod): { from: string; to: string } {
  const granularity = granularityOf(period);
  const from = bucketStart(date, granularity);
  const to = addDays(nextBucketStart(from, granularity), -1);
  return { from, to: to > MAX_DATE ? MAX_DATE : to };
}

// 1970-01-05, epoch day 4, was a Monday: week n starts on epoch day 7n + 4.
const FIRST_MONDAY = 4;

/** The number of the period holding `date` (consecutive periods have consecutive numbers). */
export function periodIndex(date: string, period: BudgetPeriod): number {
  return period === 'weekly'
    ? (toEpochDay(bucketStart(date, 'week')) - FIRST_MONDAY) / 7
    : monthsTouched(MIN_DATE, date) - 1;
}

/** The first day of period number `index`. */
export function periodStart(index: number, period: BudgetPeriod): string {
  return period === 'weekly' ? fromEpochDay(index * 7 + FIRST_MONDAY) : addMonths(MIN_DATE, index);
}
