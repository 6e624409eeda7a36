import { endOfMonth, isWholeMonths, startOfMonth, type MetricsSummary } from '@outlay/contracts';
import type { Formatters } from './format.ts';

/**
 * What "Average monthly spend" shows for a summary (DESIGN §3): the API's total ÷ the calendar
 * months the range touches, and which of those months are partial. A range inside one month
 * that does not cover all of it (a week, this month so far) has no monthly average: dividing
 * by one month would only repeat its total, so there is none (`null`).
 */
export function monthlyAverage(
  summary: MetricsSummary,
  format: Formatters,
): { value: number; detail: string } | null {
  const { rangeFrom: from, rangeTo: to, months } = summary;
  if (from === null || to === null) return { value: summary.averageMonthlySpend, detail: '' };
  if (months <= 1 && !isWholeMonths(from, to)) return null;
  const firstPartial = from !== startOfMonth(from);
  const lastPartial = to !== endOfMonth(to);
  const partial =
    firstPartial && lastPartial
      ? months === 2
        ? ', both partial'
        : ', the first and last partial'
      : firstPartial
        ? ', the first partial'
        : lastPartial
          ? ', the last partial'
          : '';
  return {
    value: summary.averageMonthlySpend,
    detail: `over ${format.countOf(months, 'month')}${partial}`,
  };
}
