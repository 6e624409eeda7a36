import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  bucketStart,
  daysInclusive,
  fromEpochDay,
  MAX_DATE,
  MIN_DATE,
  monthsTouched,
  toEpochDay,
} from './calendar.ts';
import { dashboardBatch, dashboardQueries } from './dashboard.ts';
import {
  bucketEnd,
  DATE_PRESETS,
  isWholeBucket,
  isWholeMonths,
  presetRange,
  previousRange,
} from './date-presets.ts';

const date = (min = MIN_DATE, max = MAX_DATE) =>
  fc.integer({ min: toEpochDay(min), max: toEpochDay(max) }).map(fromEpochDay);

describe('date presets', () => {
  it('resolves each preset against today', () => {
    const today = '2025-12-01';
    expect(presetRange('this-month', today)).toEqual({ from: '2025-12-01', to: today });
    expect(presetRange('last-month', today)).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    expect(presetRange('last-30-days', today)).toEqual({ from: '2025-11-02', to: today });
    expect(presetRange('last-3-months', today)).toEqual({ from: '2025-09-01', to: '2025-11-30' });
    expect(presetRange('last-12-months', today)).toEqual({
      from: '2024-12-01',
      to: '2025-11-30',
    });
    expect(presetRange('year-to-date', today)).toEqual({ from: '2025-01-01', to: today });
    expect(presetRange('all-time', today)).toEqual({});
  });

  it('makes "last 12 months" differ from "year to date" on December 1st', () => {
    expect(presetRange('last-12-months', '2025-12-01')).not.toEqual(
      presetRange('year-to-date', '2025-12-01'),
    );
  });

  it('covers exactly the whole months a month preset names, ending before the current month', () => {
    fc.assert(
      fc.property(date('1902-01-01', MAX_DATE), (today) => {
        for (const [preset, months] of [
          ['last-month', 1],
          ['last-3-months', 3],
          ['last-12-months', 12],
        ] as const) {
          const { from, to } = presetRange(preset, today);
          expect(isWholeMonths(from!, to!)).toBe(true);
          expect(monthsTouched(from!, to!)).toBe(months);
          expect(to! < today.slice(0, 7)).toBe(true);
          expect(monthsTouched(to!, today)).toBe(2);
        }
      }),
    );
  });

  it('ends the running presets today and keeps every range in the date domain', () => {
    fc.assert(
      fc.property(date(), (today) => {
        for (const preset of DATE_PRESETS) {
          const { from, to } = presetRange(preset, today);
          if (preset === 'all-time') {
            expect(from).toBeUndefined();
            continue;
          }
          expect(from! >= MIN_DATE && to! <= MAX_DATE && from! <= to!).toBe(true);
        }
        expect(presetRange('this-month', today).to).toBe(today);
        expect(presetRange('year-to-date', today).to).toBe(today);
        if (today >= '1900-01-30') {
          expect(daysInclusive(presetRange('last-30-days', today).from!, today)).toBe(30);
        }
      }),
    );
  });
});

describe('previous period', () => {
  it('moves a range that starts on the 1st back by the months it touches, keeping its days', () => {
    // This month so far → the same days of last month.
    expect(previousRange({ from: '2025-11-01', to: '2025-11-21' })).toEqual({
      from: '2025-10-01',
      to: '2025-10-21',
    });
    // Whole months → as many whole months just before; a month end stays a month end.
    expect(previousRange({ from: '2025-03-01', to: '2025-03-31' })).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(previousRange({ from: '2025-09-01', to: '2025-11-30' })).toEqual({
      from: '2025-06-01',
      to: '2025-08-31',
    });
    expect(previousRange({ from: '2024-12-01', to: '2025-11-30' })).toEqual({
      from: '2023-12-01',
      to: '2024-11-30',
    });
    // A year to date on Nov 21 touches 11 months.
    expect(previousRange({ from: '2025-01-01', to: '2025-11-21' })).toEqual({
      from: '2024-02-01',
      to: '2024-12-21',
    });
  });

  it('moves any other range back by its length in days, ending the day before', () => {
    expect(previousRange({ from: '2025-10-23', to: '2025-11-21' })).toEqual({
      from: '2025-09-23',
      to: '2025-10-22',
    });
    expect(previousRange({ from: '2025-03-10', to: '2025-03-16' })).toEqual({
      from: '2025-03-03',
      to: '2025-03-09',
    });
  });

  it('depends on the dates only: a preset and the same dates typed as a custom range agree', () => {
    fc.assert(
      fc.property(date('1905-01-01', MAX_DATE), fc.constantFrom(...DATE_PRESETS), (today, p) => {
        const range = presetRange(p, today);
        // A custom range is just the two dates; nothing else reaches the rule.
        expect(previousRange({ from: range.from, to: range.to })).toEqual(previousRange(range));
      }),
    );
  });

  it('always ends before the range starts, inside the date domain, and day ranges keep their length', () => {
    fc.assert(
      fc.property(date(), date(), (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const previous = previousRange({ from, to });
        if (previous === null) return;
        expect(previous.from <= previous.to).toBe(true);
        expect(previous.to < from).toBe(true);
        expect(previous.from >= MIN_DATE).toBe(true);
        if (from !== `${from.slice(0, 7)}-01`) {
          expect(daysInclusive(previous.from, previous.to)).toBe(daysInclusive(from, to));
          expect(addDays(previous.to, 1)).toBe(from);
        } else {
          expect(monthsTouched(previous.from, previous.to)).toBe(monthsTouched(from, to));
        }
      }),
    );
  });

  it('has none for an open range or one at the start of the date domain', () => {
    expect(previousRange({})).toBeNull();
    expect(previousRange({ from: '2025-01-01' })).toBeNull();
    expect(previousRange({ to: '2025-01-01' })).toBeNull();
    expect(previousRange({ from: MIN_DATE, to: '1900-03-31' })).toBeNull();
    expect(previousRange({ from: '1900-01-05', to: '1900-01-10' })).toBeNull();
  });
});

describe('partial buckets', () => {
  it('knows the last day of each kind of bucket', () => {
    expect(bucketEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(bucketEnd('2025-11-17', 'week')).toBe('2025-11-23');
    expect(bucketEnd('2025-11-17', 'day')).toBe('2025-11-17');
  });

  it('calls a bucket whole only when the range covers all of it', () => {
    const november = { bucket: '2025-11-01', from: '2025-11-01', to: '2025-11-30' };
    expect(isWholeBucket(november, 'month')).toBe(true);
    expect(isWholeBucket({ ...november, to: '2025-11-21' }, 'month')).toBe(false);
    expect(isWholeBucket({ ...november, from: '2025-11-02' }, 'month')).toBe(false);
    const week = { bucket: '2025-11-17', from: '2025-11-17', to: '2025-11-23' };
    expect(isWholeBucket(week, 'week')).toBe(true);
    expect(isWholeBucket({ ...week, to: '2025-11-19' }, 'week')).toBe(false);
    fc.assert(
      fc.property(date(), (day) => {
        expect(isWholeBucket({ bucket: day, from: day, to: day }, 'day')).toBe(true);
        const start = bucketStart(day, 'week');
        const whole = { bucket: start, from: start, to: bucketEnd(start, 'week') };
        expect(isWholeBucket(whole, 'week')).toBe(true);
        expect(isWholeBucket({ ...whole, from: addDays(start, 1) }, 'week')).toBe(false);
      }),
    );
  });
});

describe('the dashboard query set', () => {
  it('asks the figures, the chart and the previous period of one view, in one order', () => {
    const filter = { from: '2024-12-01', to: '2025-11-30', search: 'coffee' };
    expect(dashboardBatch({ filter, granularity: 'auto' })).toEqual([
      ['metrics.summary', { filter }],
      ['metrics.byCategory', { filter }],
      ['metrics.overTime', { filter, granularity: 'auto' }],
      ['metrics.summary', { filter: { ...filter, from: '2023-12-01', to: '2024-11-30' } }],
      ['metrics.byCategory', { filter: { ...filter, from: '2023-12-01', to: '2024-11-30' } }],
    ]);
    expect(dashboardQueries({ filter, granularity: 'week' }).previousRange).toEqual({
      from: '2023-12-01',
      to: '2024-11-30',
    });
  });

  it('asks byCategory by group only for the group view; the previous period stays by category', () => {
    const filter = { from: '2024-12-01', to: '2025-11-30' };
    const byGroup = dashboardQueries({ filter, granularity: 'auto', groupBy: 'group' });
    expect(byGroup.byCategory).toEqual({ filter, groupBy: 'group' });
    expect(byGroup.previousByCategory).toEqual({
      filter: { from: '2023-12-01', to: '2024-11-30' },
    });
    expect(
      dashboardQueries({ filter, granularity: 'auto', groupBy: 'category' }).byCategory,
    ).toEqual({ filter });
  });

  it('leaves out the previous period where there is none', () => {
    expect(dashboardBatch({ filter: {}, granularity: 'month' })).toEqual([
      ['metrics.summary', { filter: {} }],
      ['metrics.byCategory', { filter: {} }],
      ['metrics.overTime', { filter: {}, granularity: 'month' }],
    ]);
  });
});
