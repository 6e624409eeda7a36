/**
 * Moments in time (a session's last activity, a token's creation), as opposed to the calendar
 * dates of transactions: shown in the browser's own time zone and locale, with Intl.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday", "in 3 hours" — the largest whole unit. */
export function relativeTime(iso: string, now: number, format: Intl.RelativeTimeFormat): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (abs >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(Math.trunc(seconds / 60), 'minute');
}

export interface InstantFormatters {
  /** "Mar 5, 2026, 2:07 PM" in the browser's time zone. */
  dateTime(iso: string): string;
  /** "Mar 5, 2026, 2:07:31 PM": to the second, to tell apart sign-ins in the same minute. */
  preciseDateTime(iso: string): string;
  /** "5 minutes ago". */
  relative(iso: string, now?: number): string;
}

export function createInstantFormatters(locale: string): InstantFormatters {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const precise = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    dateTime: (iso) => dateTime.format(new Date(iso)),
    preciseDateTime: (iso) => precise.format(new Date(iso)),
    relative: (iso, now = Date.now()) => relativeTime(iso, now, relative),
  };
}
