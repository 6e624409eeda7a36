// Calendar dates as whole days since 1970-01-01 (UTC), so generators do plain integer arithmetic
// and never depend on the machine's time zone.

const DAY_MS = 86_400_000;

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → epoch day; rejects anything that is not a real calendar date. */
export function parseIsoDate(iso: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || formatIsoDate(ms / DAY_MS) !== iso) {
    throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got "${iso}"`);
  }
  return ms / DAY_MS;
}

export function formatIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

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
  const d = new Date(n * DAY_MS);
  return {
    n,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    dayOfMonth: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}
