/**
 * Schedules: an RFC 5545 rule and a start date, expanded by `rrule` (the maintained JavaScript
 * implementation) into the days a recurring item falls due, then moved off weekends if asked.
 *
 * Expansion is bounded. The contract (`recurrenceRuleProblem`) admits only rules that match at
 * least once in most periods, so iterating costs periods, not searches; the library is always
 * given an end (the window's, or the rule's own if earlier); and a rule without COUNT starts its
 * iteration at the last whole period before the window rather than at its start date, which may
 * be decades back. That rebasing is exact — the property test compares it with the library's own
 * expansion from the start date.
 */
import {
  addDays,
  addMonths,
  isoToUtcDate,
  isoWeekday,
  monthsTouched,
  recurrenceRuleProblem,
  toEpochDay,
  untilDate,
  utcDateOf,
  type WeekendShift,
} from '@outlay/contracts';
import * as rruleModule from 'rrule';
import type { Options } from 'rrule';
import { DomainError } from '../../errors.ts';

// rrule publishes its ES module build only under the `module` field, which Node ignores: Node
// loads the UMD build as CommonJS, whose exports it sees only as `default`. Bundlers (esbuild,
// Vite) see the names themselves.
const rrule = (rruleModule as { default?: typeof rruleModule }).default ?? rruleModule;
const { RRule, Frequency } = rrule;

/** How far ahead due items are generated: 13 months, so a yearly bill always has its next one. */
export const HORIZON_MONTHS = 13;
/** Most occurrences one item may have in one window (a daily item has about 400 in 13 months). */
export const MAX_OCCURRENCES = 500;

export interface Schedule {
  rrule: string;
  startsOn: string;
  shift: WeekendShift;
}

/** The rule's options, or BAD_INPUT in words when it is not a schedule Outlay expands. */
export function parseRule(rule: string): Partial<Options> {
  const problem = recurrenceRuleProblem(rule);
  if (problem) throw new DomainError('BAD_INPUT', `The schedule's rule: ${problem}`);
  try {
    const options = RRule.parseString(rule.toUpperCase());
    // The library reads UNTIL as an instant; a schedule's end is a day, inclusive.
    const until = /UNTIL=([0-9TZ]+)/i.exec(rule)?.[1];
    if (until) options.until = isoToUtcDate(untilDate(until)!);
    return options;
  } catch (error) {
    throw new DomainError(
      'BAD_INPUT',
      `The schedule's rule could not be read: ${error instanceof Error ? error.message : 'unknown error'}`,
    );
  }
}

/** The window's first and last day for a generation run on `today`. */
export function horizonOf(today: string): { from: string; to: string } {
  return { from: today, to: addMonths(today, HORIZON_MONTHS) };
}

/**
 * The days in `from..to` (inclusive) the schedule falls due, after the weekend shift, sorted and
 * without repeats (a Saturday and a Sunday both moved to one Monday are one due day), at most
 * MAX_OCCURRENCES.
 */
export function occurrences(schedule: Schedule, range: { from: string; to: string }): string[] {
  // A day just outside the window may move into it: read three days more on each side.
  const wide = { from: addDays(range.from, -3), to: addDays(range.to, 3) };
  const days = new Set<string>();
  for (const day of ruleDays(schedule, wide)) {
    const moved = shifted(day, schedule.shift);
    if (moved >= range.from && moved <= range.to) days.add(moved);
  }
  return [...days].sort().slice(0, MAX_OCCURRENCES);
}

/** A day moved off the weekend: Saturday and Sunday to the Friday before or the Monday after. */
export function shifted(day: string, shift: WeekendShift): string {
  const weekday = isoWeekday(day);
  if (shift === 'none' || weekday < 5) return day;
  if (shift === 'earlier') return addDays(day, weekday === 5 ? -1 : -2);
  return addDays(day, weekday === 5 ? 2 : 1);
}

/** The rule's own days in `from..to`, before any shift, as the library expands them. */
export function ruleDays(schedule: Schedule, range: { from: string; to: string }): string[] {
  const options = parseRule(schedule.rrule);
  const ruleEnd = options.until ? utcDateOf(options.until) : null;
  const to = ruleEnd !== null && ruleEnd < range.to ? ruleEnd : range.to;
  if (to < range.from || to < schedule.startsOn) return [];
  const start =
    options.count === undefined || options.count === null
      ? rebased(options, schedule.startsOn, range.from)
      : schedule.startsOn;
  const rule = new RRule({
    ...options,
    dtstart: isoToUtcDate(start),
    until: isoToUtcDate(to),
  });
  const days: string[] = [];
  rule.all((date) => {
    const day = utcDateOf(date);
    if (day >= range.from) days.push(day);
    return days.length < MAX_OCCURRENCES + 7;
  });
  return days;
}

/**
 * The latest day on or before `from` that is a whole number of periods (INTERVAL × FREQ) after
 * `startsOn`, with the defaults that the start date implied made explicit in `options` (the day
 * of the month, the month of the year), so iterating from it gives the same days from `from` on
 * as iterating from `startsOn`. `startsOn` itself when it is not before `from`.
 */
function rebased(options: Partial<Options>, startsOn: string, from: string): string {
  if (startsOn >= from) return startsOn;
  const interval = options.interval ?? 1;
  const periodDays = options.freq === Frequency.DAILY ? interval : 7 * interval;
  if (options.freq === Frequency.DAILY || options.freq === Frequency.WEEKLY) {
    const periods = Math.floor((toEpochDay(from) - toEpochDay(startsOn)) / periodDays);
    return addDays(startsOn, periods * periodDays);
  }
  const [, month, day] = startsOn.split('-').map(Number) as [number, number, number];
  const implied = !options.bymonthday && !options.byweekday;
  if (implied) {
    options.bymonthday = [day];
    if (options.freq === Frequency.YEARLY && !options.bymonth) options.bymonth = [month];
  }
  const periodMonths = (options.freq === Frequency.YEARLY ? 12 : 1) * interval;
  let periods = Math.floor((monthsTouched(startsOn, from) - 1) / periodMonths);
  let start = addMonths(startsOn, periods * periodMonths);
  while (start > from && periods > 0) {
    periods -= 1;
    start = addMonths(startsOn, periods * periodMonths);
  }
  // addMonths clamps the 31st to a shorter month's last day; the explicit day above keeps the
  // rule's days, and an earlier start within the period only admits days the filter drops.
  return start;
}
