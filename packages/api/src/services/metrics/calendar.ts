/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings, done on UTC epoch days so no local time zone
 * can shift a date. (General date libraries work in local time, which is the bug this avoids.)
 */
import type { Granularity } from '@outlay/contracts';

const DAY_MS = 86_400_000;

export function toEpochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Days from `from` to `to`, both inclusive. */
export function daysInclusive(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from) + 1;
}

/** Calendar months that the range touches, both ends included. */
export function monthsTouched(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm) + 1;
}

/** The first day of the bucket containing `date`: itself, its ISO week's Monday, or the 1st. */
export function bucketStart(date: string, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return `${date.slice(0, 7)}-01`;
  const day = toEpochDay(date);
  // Epoch day 0 (1970-01-01) was a Thursday; Monday-based weekday index is (day + 3) mod 7.
  return fromEpochDay(day - ((((day + 3) % 7) + 7) % 7));
}

export function nextBucketStart(start: string, granularity: Granularity): string {
  if (granularity === 'day') return addDays(start, 1);
  if (granularity === 'week') return addDays(start, 7);
  const [y, m] = start.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
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
