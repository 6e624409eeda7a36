/**
 * The one calendar module: arithmetic on calendar dates written `YYYY-MM-DD`, shared by every
 * layer (API, web app, seeders, bench). Transaction dates are days, not instants, so everything
 * here is integer arithmetic on days since 1970-01-01 and never sees a time zone.
 *
 * Outlay's dates live in a bounded domain, MIN_DATE..MAX_DATE: every contract refuses a date
 * outside it, so no loop over days, weeks or months can run for millennia, and every date and
 * bucket key keeps its four-digit year (string order = date order). The helpers below stay exact
 * for any year 0001..9999 and throw a RangeError rather than format a date they cannot write.
 */
import type { Granularity } from './metrics.ts';

export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (no 2023-02-29, no 2025-13-01). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const month = Number(m);
  const day = Number(d);
  return (
    Number(y) >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(y), month)
  );
}

/** Whether `date` (a calendar date) lies in Outlay's date domain. */
export function inDateDomain(date: string): boolean {
  return date >= MIN_DATE && date <= MAX_DATE;
}

function parts(date: string): [year: number, month: number, day: number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(year: number, month: number, day: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`Year ${year} cannot be written as a YYYY-MM-DD date`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days in `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 (negative before it). */
export function toEpochDay(date: string): number {
  const [y, m, d] = parts(date);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const at = new Date(0);
  at.setUTCFullYear(y, m - 1, d);
  return Math.round(at.getTime() / DAY_MS);
}

export function fromEpochDay(day: number): string {
  const at = new Date(day * DAY_MS);
  return format(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Moves by whole months, clamping the day to the target month's length (Mar 31 − 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Days from `from` to `to`, both inclusive. */
export function daysInclusive(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from) + 1;
}

/** Calendar months that the range touches, both ends included. */
export function monthsTouched(from: string, to: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return ty * 12 + tm - (fy * 12 + fm) + 1;
}

export function startOfMonth(date: string): string {
  parts(date);
  return `${date.slice(0, 7)}-01`;
}

export function endOfMonth(date: string): string {
  const [y, m] = parts(date);
  return format(y, m, daysInMonth(y, m));
}

export function startOfYear(date: string): string {
  parts(date);
  return `${date.slice(0, 4)}-01-01`;
}

/** 0 = Monday … 6 = Sunday (ISO 8601). */
export function isoWeekday(date: string): number {
  // Epoch day 0 (1970-01-01) was a Thursday, index 3.
  return (((toEpochDay(date) + 3) % 7) + 7) % 7;
}

/** The first day of the bucket containing `date`: itself, its ISO week's Monday, or the 1st. */
export function bucketStart(date: string, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return startOfMonth(date);
  return addDays(date, -isoWeekday(date));
}

export function nextBucketStart(start: string, granularity: Granularity): string {
  if (granularity === 'day') return addDays(start, 1);
  if (granularity === 'week') return addDays(start, 7);
  return addMonths(startOfMonth(start), 1);
}

/** How many buckets of `granularity` the range touches, both ends included. */
export function bucketCount(from: string, to: string, granularity: Granularity): number {
  if (granularity === 'day') return daysInclusive(from, to);
  if (granularity === 'month') return monthsTouched(from, to);
  return (toEpochDay(bucketStart(to, 'week')) - toEpochDay(bucketStart(from, 'week'))) / 7 + 1;
}

/** `auto`: day up to 62 days, week up to 26 weeks, month beyond (DESIGN §3). */
export function resolveGranularity(
  requested: Granularity | 'auto',
  from: string,
  to: string,
): Granularity {
  if (requested !== 'auto') return requested;
  const days = daysInclusive(from, to);
  if (days <= 62) return 'day';
  if (days <= 26 * 7) return 'week';
  return 'month';
}

/** Today's date in UTC (servers and generators, which must not depend on the machine's zone). */
export function todayUtc(now: Date = new Date()): string {
  return utcDateOf(now);
}

/** The UTC calendar date of an instant (a library's `Date` at UTC midnight back to a date). */
export function utcDateOf(at: Date): string {
  return format(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

/** The local calendar date of an instant (a person's "today", in the browser's zone). */
export function localIsoDate(now: Date = new Date()): string {
  return format(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** A date as a `Date` at UTC midnight, for `Intl.DateTimeFormat` with `timeZone: 'UTC'`. */
export function isoToUtcDate(date: string): Date {
  return new Date(toEpochDay(date) * DAY_MS);
}
