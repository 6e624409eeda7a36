/**
 * Display formatting with Intl, in the browser's locale and the user's home currency. One
 * `Formatters` object per (locale, currency), created once and shared through React context.
 *
 * The rules: an amount is always written with its currency's fraction digits ($782.60, never
 * $782.6); only where space is short (bar labels, the donut's centre) do amounts of a thousand
 * or more shorten to $1.2K, and chart axes, whose ticks are round, drop the fraction when every
 * tick is whole. Every percentage has one decimal (6.0% beside 25.2%). Counts agree with their
 * nouns ("1 day", "2 days").
 */
import { currencyDigits, isoToUtcDate, minorToDecimal } from '@outlay/contracts';

export interface Formatters {
  locale: string;
  currency: string;
  digits: number;
  /** Exact amount: 123456 → "$1,234.56". */
  money(minor: number): string;
  /** An amount where space is short: exact below a thousand ("$782.60"), else "$1.2K". */
  moneyShort(minor: number): string;
  /** The labels of an axis's ticks: "$0", "$500", "$1.5K"; "$0.00", "$2.50" when a tick has cents. */
  axisMoney(ticks: readonly number[]): string[];
  /** Minor units as a plain number of major units, for chart scales. */
  major(minor: number): number;
  /** 0.1234 → "12.3%", 0.06 → "6.0%": always one decimal. */
  percent(share: number): string;
  count(n: number): string;
  /** A count with its noun: "1 day", "1,204 transactions"; `plural` where adding "s" is wrong. */
  countOf(n: number, singular: string, plural?: string): string;
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
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const wholeFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  });
  const percentFormat = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const countFormat = new Intl.NumberFormat(locale);
  // The nouns are English, so English plural rules choose their form.
  const plurals = new Intl.PluralRules('en');
  const unit = 10 ** digits;
  // A number of major units, for chart scales and compact labels only (never for exact display).
  const minorToMajor = (minor: number) => minor / unit;
  const money = (minor: number) =>
    // An exact decimal string: Intl formats it digit for digit, no float rounding on the way.
    moneyFormat.format(minorToDecimal(minor, digits) as `${number}`);
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
    money,
    moneyShort: (minor) =>
      Math.abs(minor) < 1000 * unit ? money(minor) : compactFormat.format(minorToMajor(minor)),
    axisMoney: (ticks) =>
      ticks.every((tick) => tick % unit === 0)
        ? ticks.map((tick) =>
            Math.abs(tick) < 1000 * unit
              ? wholeFormat.format(minorToMajor(tick))
              : compactFormat.format(minorToMajor(tick)),
          )
        : ticks.map(money),
    major: (minor) => minorToMajor(minor),
    percent: (share) => percentFormat.format(share),
    count: (n) => countFormat.format(n),
    countOf: (n, singular, plural = `${singular}s`) =>
      `${countFormat.format(n)} ${plurals.select(n) === 'one' ? singular : plural}`,
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
