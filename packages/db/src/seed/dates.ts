// The generators walk days as integers (days since 1970-01-01); the arithmetic itself is the one
// calendar module's, in @outlay/contracts.
import { fromEpochDay, isCalendarDate, isoWeekday, toEpochDay } from '@outlay/contracts';

export { todayUtc } from '@outlay/contracts';

/** `YYYY-MM-DD` → epoch day; rejects anything that is not a real calendar date. */
export function parseIsoDate(iso: string): number {
  if (!isCalendarDate(iso)) {
    throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got "${iso}"`);
  }
  return toEpochDay(iso);
}

export const formatIsoDate = fromEpochDay;

export interface CalendarDay {
  /** Days since 1970-01-01. */
  n: number;
  year: number;
  /** 0–11. */
  month: number;
  /** 1–31. */
  dayOfMonth: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function calendarDay(n: number): CalendarDay {
  const iso = fromEpochDay(n);
  return {
    n,
    year: Number(iso.slice(0, 4)),
    month: Number(iso.slice(5, 7)) - 1,
    dayOfMonth: Number(iso.slice(8, 10)),
    weekday: (isoWeekday(iso) + 1) % 7,
  };
}
