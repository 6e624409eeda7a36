/**
 * Date presets and the comparison period. A preset is resolved against "today" each time the
 * URL is read, so a bookmark of "last 3 months" keeps meaning the last three months.
 */
import {
  addDays,
  addMonths,
  daysInclusive,
  endOfMonth,
  monthsTouched,
  startOfMonth,
  startOfYear,
} from '@outlay/contracts';

export const DATE_PRESETS = [
  'this-month',
  'last-30-days',
  'last-3-months',
  'last-12-months',
  'year-to-date',
  'all-time',
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const DEFAULT_PRESET: DatePreset = 'last-12-months';

export const PRESET_LABELS: Record<DatePreset, string> = {
  'this-month': 'This month',
  'last-30-days': 'Last 30 days',
  'last-3-months': 'Last 3 months',
  'last-12-months': 'Last 12 months',
  'year-to-date': 'Year to date',
  'all-time': 'All time',
};

export function isDatePreset(value: string): value is DatePreset {
  return (DATE_PRESETS as readonly string[]).includes(value);
}

export interface DateRange {
  from?: string;
  to?: string;
}

export interface ClosedRange {
  from: string;
  to: string;
}

/**
 * The dates a preset covers, ending today. Month presets start on the 1st, so the average
 * monthly spend divides by the number of months the label promises (the current one included).
 */
export function presetRange(preset: DatePreset, today: string): DateRange {
  switch (preset) {
    case 'this-month':
      return { from: startOfMonth(today), to: today };
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
    case 'last-3-months':
      return { from: startOfMonth(addMonths(today, -2)), to: today };
    case 'last-12-months':
      return { from: startOfMonth(addMonths(today, -11)), to: today };
    case 'year-to-date':
      return { from: startOfYear(today), to: today };
    case 'all-time':
      return {};
  }
}

/**
 * The period of the same length just before `range`, for "change vs previous period".
 * Calendar-shaped ranges shift by whole months, so "this month so far" compares with the same
 * days of last month and a year to date with the same dates last year; any other range shifts by
 * its length in days. Open-ended ranges ("all time") have no previous period.
 */
export function previousRange(range: DateRange, preset: DatePreset | null): ClosedRange | null {
  const { from, to } = range;
  if (from === undefined || to === undefined) return null;
  const months = monthShift(from, to, preset);
  if (months !== null) {
    const wholeMonths = to === endOfMonth(to);
    const shiftedTo = addMonths(to, -months);
    return { from: addMonths(from, -months), to: wholeMonths ? endOfMonth(shiftedTo) : shiftedTo };
  }
  const days = daysInclusive(from, to);
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

function monthShift(from: string, to: string, preset: DatePreset | null): number | null {
  switch (preset) {
    case 'this-month':
      return 1;
    case 'last-3-months':
      return 3;
    case 'last-12-months':
    case 'year-to-date':
      return 12;
    case 'last-30-days':
      return null;
    default:
      // A custom range of whole calendar months (a month bucket, a quarter…).
      return from === startOfMonth(from) && to === endOfMonth(to) ? monthsTouched(from, to) : null;
  }
}
