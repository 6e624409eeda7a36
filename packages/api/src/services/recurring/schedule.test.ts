import {
  addDays,
  describeRule,
  isoToUtcDate,
  patternOfRule,
  recurrenceRuleProblem,
  ruleOfPattern,
  utcDateOf,
  type SchedulePattern,
} from '@outlay/contracts';
import fc from 'fast-check';
import * as rruleModule from 'rrule';
import { describe, expect, it } from 'vitest';
import { occurrences, shifted, type Schedule } from './schedule.ts';

// Schedules (DESIGN §12): the days a recurring item falls due, from an RFC 5545 rule expanded by
// the `rrule` library, bounded, and moved off weekends when asked.

const rrule = (rruleModule as { default?: typeof rruleModule }).default ?? rruleModule;

const days = (
  rule: string,
  startsOn: string,
  from: string,
  to: string,
  shift: Schedule['shift'] = 'none',
) => occurrences({ rrule: rule, startsOn, shift }, { from, to });

describe('hand cases', () => {
  it('the 31st of the month: a plain rule skips shorter months, as RFC 5545 says', () => {
    expect(days('FREQ=MONTHLY;BYMONTHDAY=31', '2025-01-31', '2025-01-01', '2025-06-30')).toEqual([
      '2025-01-31',
      '2025-03-31',
      '2025-05-31',
    ]);
  });

  it("the form's 31st falls on the last day of February and of 30-day months", () => {
    const rule = ruleOfPattern({ kind: 'monthDay', day: 31, interval: 1 });
    expect(rule).toBe('FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1');
    expect(days(rule, '2025-01-31', '2025-01-01', '2025-04-30')).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
    ]);
    // The 30th: the 30th, or February's last day, in a leap year too.
    const thirtieth = ruleOfPattern({ kind: 'monthDay', day: 30, interval: 1 });
    expect(days(thirtieth, '2024-01-30', '2024-01-01', '2024-03-31')).toEqual([
      '2024-01-30',
      '2024-02-29',
      '2024-03-30',
    ]);
  });

  it('the last weekday of the month', () => {
    const rule = 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1';
    // May 2025 ends on a Saturday, August 2025 on a Sunday.
    expect(days(rule, '2025-01-01', '2025-05-01', '2025-08-31')).toEqual([
      '2025-05-30',
      '2025-06-30',
      '2025-07-31',
      '2025-08-29',
    ]);
  });

  it('the last Friday and the second Tuesday (nth weekday)', () => {
    expect(days('FREQ=MONTHLY;BYDAY=-1FR', '2025-01-01', '2025-01-01', '2025-03-31')).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-28',
    ]);
    expect(days('FREQ=MONTHLY;BYDAY=2TU', '2025-01-01', '2025-01-01', '2025-03-31')).toEqual([
      '2025-01-14',
      '2025-02-11',
      '2025-03-11',
    ]);
  });

  it('leap years: the 29th of February yearly, and the last day of February', () => {
    expect(days('FREQ=YEARLY', '2024-02-29', '2024-01-01', '2032-12-31')).toEqual([
      '2024-02-29',
      '2028-02-29',
      '2032-02-29',
    ]);
    expect(days('FREQ=MONTHLY;BYMONTHDAY=-1', '2023-01-01', '2023-02-01', '2024-02-29')).toContain(
      '2024-02-29',
    );
    expect(days('FREQ=MONTHLY;BYMONTHDAY=-1', '2023-01-01', '2023-02-01', '2023-02-28')).toEqual([
      '2023-02-28',
    ]);
  });

  it('a weekend shift moves Saturday and Sunday to the Friday before or the Monday after', () => {
    // 1 Feb 2025 is a Saturday, 1 Jun 2025 a Sunday, 1 Mar 2025 a Saturday.
    const rule = 'FREQ=MONTHLY;BYMONTHDAY=1';
    expect(days(rule, '2025-01-01', '2025-01-15', '2025-06-15', 'earlier')).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-04-01',
      '2025-05-01',
      '2025-05-30',
    ]);
    expect(days(rule, '2025-01-01', '2025-01-15', '2025-06-15', 'later')).toEqual([
      '2025-02-03',
      '2025-03-03',
      '2025-04-01',
      '2025-05-01',
      '2025-06-02',
    ]);
    // A day just past the window that moves earlier comes into it.
    expect(days(rule, '2025-01-01', '2025-01-20', '2025-01-31', 'earlier')).toEqual(['2025-01-31']);
    // A daily rule's Saturday and Sunday both move to Monday: one due day, not three.
    expect(days('FREQ=DAILY', '2025-01-01', '2025-01-03', '2025-01-06', 'later')).toEqual([
      '2025-01-03',
      '2025-01-06',
    ]);
    expect(shifted('2025-01-08', 'later')).toBe('2025-01-08');
  });

  it('ends by count (counted from the start date, not the window) and by date', () => {
    expect(days('FREQ=MONTHLY;COUNT=3', '2025-01-15', '2025-01-01', '2026-12-31')).toEqual([
      '2025-01-15',
      '2025-02-15',
      '2025-03-15',
    ]);
    expect(days('FREQ=MONTHLY;COUNT=3', '2025-01-15', '2025-02-20', '2026-12-31')).toEqual([
      '2025-03-15',
    ]);
    expect(days('FREQ=WEEKLY;UNTIL=20250121', '2025-01-01', '2025-01-01', '2025-12-31')).toEqual([
      '2025-01-01',
      '2025-01-08',
      '2025-01-15',
    ]);
  });

  it('every N: the start date sets the day, weekday or date', () => {
    expect(days('FREQ=WEEKLY;INTERVAL=2', '2025-01-03', '2025-01-01', '2025-02-10')).toEqual([
      '2025-01-03',
      '2025-01-17',
      '2025-01-31',
    ]);
    expect(days('FREQ=MONTHLY;INTERVAL=3', '2024-11-30', '2025-01-01', '2025-12-31')).toEqual([
      '2025-05-30',
      '2025-08-30',
      '2025-11-30',
    ]);
  });

  it('nothing before the start date, and a start a century back costs no century of iteration', () => {
    expect(days('FREQ=MONTHLY;BYMONTHDAY=1', '2025-03-10', '2025-01-01', '2025-05-31')).toEqual([
      '2025-04-01',
      '2025-05-01',
    ]);
    const daily = days('FREQ=DAILY', '1900-01-01', '2026-01-01', '2027-02-01');
    expect(daily).toHaveLength(397);
    expect(daily[0]).toBe('2026-01-01');
  });
});

describe('rules refused, in words', () => {
  it.each([
    ['FREQ=HOURLY', /FREQ=HOURLY is not supported/],
    ['FREQ=MONTHLY;BYHOUR=3', /BYHOUR is not supported/],
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /cannot be used with FREQ=DAILY/],
    ['FREQ=MONTHLY;INTERVAL=0', /INTERVAL must be/],
    ['FREQ=MONTHLY;COUNT=5000', /COUNT must be/],
    ['FREQ=MONTHLY;COUNT=2;UNTIL=20260101', /not both/],
    ['FREQ=MONTHLY;BYDAY=XX', /BYDAY takes weekdays/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY takes days/],
    ['FREQ=MONTHLY;UNTIL=21500101', /UNTIL must be a date/],
    ['garbage', /not a NAME=VALUE part/],
    ['DTSTART=20250101;FREQ=DAILY', /start date is a field of its own/],
    ['BYMONTHDAY=1', /needs FREQ/],
    ['FREQ=MONTHLY;FREQ=WEEKLY', /given twice/],
  ])('%s', (rule, message) => {
    expect(recurrenceRuleProblem(rule)).toMatch(message);
  });
});

describe('the form', () => {
  const patterns: [SchedulePattern, string, string][] = [
    [{ kind: 'every', unit: 'month', interval: 1 }, 'FREQ=MONTHLY', 'Monthly'],
    [{ kind: 'every', unit: 'week', interval: 2 }, 'FREQ=WEEKLY;INTERVAL=2', 'Every 2 weeks'],
    [{ kind: 'monthDay', day: 3, interval: 1 }, 'FREQ=MONTHLY;BYMONTHDAY=3', 'Monthly on the 3rd'],
    [{ kind: 'lastDay', interval: 1 }, 'FREQ=MONTHLY;BYMONTHDAY=-1', 'Monthly on the last day'],
    [
      { kind: 'nthWeekday', nth: -1, weekday: 'FR', interval: 1 },
      'FREQ=MONTHLY;BYDAY=-1FR',
      'Monthly on the last Friday',
    ],
  ];
  it.each(patterns)('%j writes %s and reads back', (pattern, rule, words) => {
    expect(ruleOfPattern(pattern)).toBe(rule);
    expect(recurrenceRuleProblem(rule)).toBeNull();
    expect(patternOfRule(rule)).toEqual({ pattern, end: { kind: 'never' } });
    expect(describeRule(rule)).toBe(words);
  });

  it('writes an end by count or date', () => {
    const pattern: SchedulePattern = { kind: 'monthDay', day: 30, interval: 1 };
    const rule = ruleOfPattern(pattern, { kind: 'count', count: 12 });
    expect(rule).toBe('FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1;COUNT=12');
    expect(patternOfRule(rule)).toEqual({ pattern, end: { kind: 'count', count: 12 } });
    expect(describeRule(ruleOfPattern(pattern, { kind: 'until', until: '2026-06-30' }))).toBe(
      'Monthly on the 30th, until 2026-06-30',
    );
  });
});

// The library's own expansion, from the start date, with nothing of ours in between: what the
// bounded, rebased expansion must equal.
function libraryDays(rule: string, startsOn: string, from: string, to: string): string[] {
  const options = rrule.RRule.parseString(rule);
  const until = /UNTIL=(\d{8})/.exec(rule)?.[1];
  const expansion = new rrule.RRule({
    ...options,
    dtstart: isoToUtcDate(startsOn),
    ...(until
      ? { until: isoToUtcDate(`${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6)}`) }
      : {}),
  });
  return expansion.between(isoToUtcDate(from), isoToUtcDate(to), true).map(utcDateOf);
}

const dayIn = (from: string, spanDays: number) =>
  fc.integer({ min: 0, max: spanDays }).map((n) => addDays(from, n));
const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');

const ruleArbitrary = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    byDay: fc.uniqueArray(weekday, { minLength: 1, maxLength: 3 }),
    nth: fc.constantFrom(1, 2, 3, 4, -1),
    monthDays: fc.uniqueArray(
      fc.integer({ min: -31, max: 31 }).filter((d) => d !== 0),
      { minLength: 1, maxLength: 3 },
    ),
    month: fc.integer({ min: 1, max: 12 }),
    setPos: fc.constantFrom(1, 2, -1),
    form: fc.constantFrom('plain', 'monthDays', 'nthWeekday', 'setPos'),
    withMonth: fc.boolean(),
    end: fc.oneof(
      fc.constant(null),
      fc.integer({ min: 1, max: 40 }).map((n) => `COUNT=${n}`),
      dayIn('2018-01-01', 6000).map((d) => `UNTIL=${d.replaceAll('-', '')}`),
    ),
  })
  .map(({ freq, interval, byDay, nth, monthDays, month, setPos, form, withMonth, end }) => {
    const parts = [`FREQ=${freq}`];
    if (interval > 1) parts.push(`INTERVAL=${interval}`);
    if (freq === 'WEEKLY' && form !== 'plain') parts.push(`BYDAY=${byDay.join(',')}`);
    if (freq === 'MONTHLY' || freq === 'YEARLY') {
      if (withMonth) parts.push(`BYMONTH=${month}`);
      if (form === 'monthDays') parts.push(`BYMONTHDAY=${monthDays.join(',')}`);
      if (form === 'nthWeekday') parts.push(`BYDAY=${nth}${byDay[0]!}`);
      if (form === 'setPos') parts.push(`BYDAY=${byDay.join(',')}`, `BYSETPOS=${setPos}`);
    }
    if (end) parts.push(end);
    return parts.join(';');
  });

describe('property: the bounded expansion is the library expansion', () => {
  it('for any accepted rule, start and window, without a shift', () => {
    fc.assert(
      fc.property(
        ruleArbitrary,
        dayIn('2015-01-01', 5000),
        dayIn('2016-01-01', 5000),
        fc.integer({ min: 0, max: 400 }),
        (rule, startsOn, from, span) => {
          expect(recurrenceRuleProblem(rule)).toBeNull();
          const to = addDays(from, span);
          expect(days(rule, startsOn, from, to)).toEqual(libraryDays(rule, startsOn, from, to));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('with a shift, every day is a weekday and the shifted library days, once each', () => {
    fc.assert(
      fc.property(
        ruleArbitrary,
        dayIn('2020-01-01', 2000),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom('earlier' as const, 'later' as const),
        (rule, startsOn, span, shift) => {
          const from = '2024-01-01';
          const to = addDays(from, span);
          const got = days(rule, startsOn, from, to, shift);
          const expected = [
            ...new Set(
              libraryDays(rule, startsOn, addDays(from, -3), addDays(to, 3))
                .map((day) => shifted(day, shift))
                .filter((day) => day >= from && day <= to),
            ),
          ].sort();
          expect(got).toEqual(expected);
          for (const day of got) expect(shifted(day, shift)).toBe(day);
        },
      ),
      { numRuns: 80 },
    );
  });
});
