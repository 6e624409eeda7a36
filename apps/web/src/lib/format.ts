/**
 * Display formatting with Intl, in the browser's locale and the user's home currency. One
 * `Formatters` object per (locale, currency), created once and shared through React context.
 */
import { currencyDigits, isoToUtcDate, minorToDecimal } from '@outlay/contracts';
import { minorToMajor } from './money.ts';

export interface Formatters {
  locale: string;
  currency: string;
  digits: number;
  /** Exact amount: 123456 → "$1,234.56". */
  money(minor: number): string;
  /** Short amount for axis ticks: "$1.2K". */
  moneyCompact(minor: number): string;
  /** Minor units as a plain number of major units, for chart scales. */
  major(minor: number): number;
  /** 0.1234 → "12.3%". */
  percent(share: number): string;
  /** Signed change: 0.052 → "+5.2%". */
  change(ratio: number): string;
  count(n: number): string;
  /** "Mar 5, 2025". */
  date(iso: string): string;
  /** "3/5/25": for narrow tables. */
  shortDate(iso: string): string;
  /** "Mar 2025". */
  month(iso: string): string;
  /** "Mar 5". */
  dayMonth(iso: string): string;
  /** "Mar 1 – 31, 2025", collapsed by Intl where the ends share a month or year. */
  range(from: string, to: string): string;
}

export function browserLocale(): string {
  return typeof navigator === 'undefined'
    ? 'en-US'
    : (navigator.languages?.[0] ?? navigator.language);
}

export function createFormatters(locale: string, currency: string): Formatters {
  const digits = currencyDigits(currency);
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const compactFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const percentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const changeFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const countFormat = new Intl.NumberFormat(locale);
  const utc = { timeZone: 'UTC' } as const;
  const dateFormat = new Intl.DateTimeFormat(locale, { ...utc, dateStyle: 'medium' });
  const shortDateFormat = new Intl.DateTimeFormat(locale, { ...utc, dateStyle: 'short' });
  const monthFormat = new Intl.DateTimeFormat(locale, { ...utc, month: 'short', year: 'numeric' });
  const dayMonthFormat = new Intl.DateTimeFormat(locale, {
    ...utc,
    month: 'short',
    day: 'numeric',
  });

  return {
    locale,
    currency,
    digits,
    // An exact decimal string: Intl formats it digit for digit, no float rounding on the way.
    money: (minor) => moneyFormat.format(minorToDecimal(minor, digits) as `${number}`),
    moneyCompact: (minor) => compactFormat.format(minorToMajor(minor, digits)),
    major: (minor) => minorToMajor(minor, digits),
    percent: (share) => percentFormat.format(share),
    change: (ratio) => changeFormat.format(ratio),
    count: (n) => countFormat.format(n),
    date: (iso) => dateFormat.format(isoToUtcDate(iso)),
    shortDate: (iso) => shortDateFormat.format(isoToUtcDate(iso)),
    month: (iso) => monthFormat.format(isoToUtcDate(iso)),
    dayMonth: (iso) => dayMonthFormat.format(isoToUtcDate(iso)),
    range: (from, to) =>
      from === to
        ? dateFormat.format(isoToUtcDate(from))
        : dateFormat.formatRange(isoToUtcDate(from), isoToUtcDate(to)),
  };
}
