/**
 * The checks of a typed date range, said the same way wherever dates are typed: the filter bar's
 * custom range, "Go to date" and the Upcoming page's range. A date is refused until it is a whole
 * date inside Outlay's date domain; a range when it runs backwards or is longer than its page
 * reads.
 */
import { daysInclusive, inDateDomain, isCalendarDate, MAX_DATE, MIN_DATE } from '@outlay/contracts';
import type { Formatters } from './format.ts';

/** Why a typed date cannot be used, or null when it can. */
export function dateProblem(text: string, format: Pick<Formatters, 'date'>): string | null {
  if (!isCalendarDate(text)) return 'Enter a whole date.';
  if (!inDateDomain(text)) {
    return `Enter a date from ${format.date(MIN_DATE)} to ${format.date(MAX_DATE)}.`;
  }
  return null;
}

/**
 * Why two dates cannot make a range, or null. Null too while either is not a whole date yet:
 * `dateProblem` says that, and the order is worked out again once both are.
 */
export function rangeProblem(
  from: string,
  to: string,
  longest?: { days: number; said: string },
): string | null {
  if (!isCalendarDate(from) || !isCalendarDate(to)) return null;
  if (from > to) return 'The start date must be on or before the end date.';
  if (longest && daysInclusive(from, to) > longest.days) {
    return `Choose a range of at most ${longest.said}.`;
  }
  return null;
}

/** The problems of a range as one list of sentences, each date's named. */
export function rangeMessages(problems: {
  from: string | null;
  to: string | null;
  range: string | null;
}): string[] {
  return [
    problems.from && `Start date: ${problems.from}`,
    problems.to && `End date: ${problems.to}`,
    problems.range,
  ].filter((message): message is string => Boolean(message));
}
