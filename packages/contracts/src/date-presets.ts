/**
 * What the named date ranges mean, and which period a range is compared with (DESIGN §3). The
 * web app resolves its presets here and the bench measures the same ranges, so "last 12 months"
 * is one definition wherever it is used. All date arithmetic is the calendar module's.
 *
 * - Month presets are whole calendar months before the current one, so an average over them
 *   divides whole months; the month in progress is its own choice ("this month so far").
 * - The previous period depends only on the dates, never on how they were chosen: the same
 *   dates picked from a preset or typed as a custom range get the same comparison.
 */
import {
  addDays,
  addMonths,
  daysInclusive,
  endOfMonth,
  MAX_DATE,
  MIN_DATE,
  monthsTouched,
  nextBucketStart,
  startOfMonth,
  startOfYear,
} from './calendar.ts';
import type { Granularity } from './metrics.ts';

export const DATE_PRESETS = [
  'this-month',
  'last-month',
  'last-30-days',
  'last-3-months',
  'last-12-months',
  'year-to-date',
  'all-time',
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const DEFAULT_PRESET: DatePreset = 'last-12-months';

export function isDatePreset(value: string): value is DatePreset {
  return (DATE_PRESETS as readonly string[]).includes(value);
}

/** A filter's date range: either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

export interface ClosedRange {
  from: string;
  to: string;
}

/** The `count` whole calendar months before the month of `today`. */
function wholeMonthsBefore(today: string, count: number): ClosedRange {
  const lastMonth = addMonths(startOfMonth(today), -1);
  return { from: addMonths(lastMonth, -(count - 1)), to: endOfMonth(lastMonth) };
}

/** Keeps a range inside the date domain (only a clock outside 1900–2100 could leave it). */
function inDomain(range: ClosedRange): ClosedRange {
  const from = range.from < MIN_DATE ? MIN_DATE : range.from > MAX_DATE ? MAX_DATE : range.from;
  const to = range.to > MAX_DATE ? MAX_DATE : range.to < from ? from : range.to;
  return { from, to };
}

/**
 * The dates a preset covers on `today` (both ends inclusive; `{}` is all time):
 *
 * | preset           | from                               | to                          |
 * | ---------------- | ---------------------------------- | --------------------------- |
 * | `this-month`     | the 1st of this month              | today ("this month so far") |
 * | `last-month`     | the 1st of last month              | the last day of last month  |
 * | `last-30-days`   | 29 days before today               | today                       |
 * | `last-3-months`  | the 1st, 3 months before this one  | the last day of last month  |
 * | `last-12-months` | the 1st, 12 months before this one | the last day of last month  |
 * | `year-to-date`   | January 1st of this year           | today                       |
 * | `all-time`       | open                               | open                        |
 */
export function presetRange(preset: DatePreset, today: string): DateRange {
  switch (preset) {
    case 'this-month':
      return inDomain({ from: startOfMonth(today), to: today });
    case 'last-month':
      return inDomain(wholeMonthsBefore(today, 1));
    case 'last-30-days':
      return inDomain({ from: addDays(today, -29), to: today });
    case 'last-3-months':
      return inDomain(wholeMonthsBefore(today, 3));
    case 'last-12-months':
      return inDomain(wholeMonthsBefore(today, 12));
    case 'year-to-date':
      return inDomain({ from: startOfYear(today), to: today });
    case 'all-time':
      return {};
  }
}

/** Whether the range is whole calendar months: from a 1st to a month's last day. */
export function isWholeMonths(from: string, to: string): boolean {
  return from === startOfMonth(from) && to === endOfMonth(to);
}

/**
 * The period a range's figures are compared with, from its dates alone:
 *
 * - a range that starts on the 1st of a month moves back by the number of calendar months it
 *   touches, keeping its days: whole months → the same number of whole months just before
 *   (a month-end stays a month-end: Mar → Feb 1–28); "Nov 1–15" → "Oct 1–15"; a year to date on
 *   Nov 15 (11 months touched) → Feb 1 – Dec 15 of the year before;
 * - any other range → the same number of days, ending the day before it starts;
 * - an open range (all time), or one whose previous period would start before the date domain,
 *   has none (`null`).
 */
export function previousRange(range: DateRange): ClosedRange | null {
  const { from, to } = range;
  if (from === undefined || to === undefined || from > to) return null;
  let previous: ClosedRange;
  if (from === startOfMonth(from)) {
    const months = monthsTouched(from, to);
    const shiftedTo = addMonths(to, -months);
    previous = {
      from: addMonths(from, -months),
      to: to === endOfMonth(to) ? endOfMonth(shiftedTo) : shiftedTo,
    };
  } else {
    const days = daysInclusive(from, to);
    previous = { from: addDays(from, -days), to: addDays(from, -1) };
  }
  return previous.from < MIN_DATE ? null : previous;
}

/** The last day of the bucket that starts on `start`: itself, the Sunday, the month's last day. */
export function bucketEnd(start: string, granularity: Granularity): string {
  return addDays(nextBucketStart(start, granularity), -1);
}

/**
 * Whether an over-time bucket covers its whole day, week or month. A bucket is partial when the
 * range cuts it: the week or month in progress, or one the range starts or ends inside. A partial
 * bucket holds fewer days' spending, so it is drawn as partial and never called the highest or
 * lowest period.
 */
export function isWholeBucket(
  bucket: { bucket: string; from: string; to: string },
  granularity: Granularity,
): boolean {
  return bucket.from === bucket.bucket && bucket.to === bucketEnd(bucket.bucket, granularity);
}
