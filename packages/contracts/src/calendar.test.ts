import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  bucketCount,
  bucketStart,
  daysInclusive,
  endOfMonth,
  fromEpochDay,
  inDateDomain,
  isCalendarDate,
  isoWeekday,
  MAX_DATE,
  MIN_DATE,
  monthsTouched,
  nextBucketStart,
  resolveGranularity,
  startOfMonth,
  startOfYear,
  toEpochDay,
} from './calendar.ts';
import { IsoDate } from './dates.ts';
import { type Granularity, OverTimeInput } from './metrics.ts';

const GRANULARITIES: Granularity[] = ['day', 'week', 'month'];
const DOMAIN_DAYS = { min: toEpochDay(MIN_DATE), max: toEpochDay(MAX_DATE) };

/** Any date of the domain. */
const domainDate = fc
  .integer({ min: DOMAIN_DAYS.min, max: DOMAIN_DAYS.max })
  .map((day) => fromEpochDay(day));

/** An independent reference: the platform's own proleptic Gregorian calendar, in UTC. */
function referenceAddDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

describe('the date domain', () => {
  it('accepts its first and last day and refuses the days just outside', () => {
    expect(IsoDate.safeParse(MIN_DATE).success).toBe(true);
    expect(IsoDate.safeParse(MAX_DATE).success).toBe(true);
    for (const outside of ['1899-12-31', '2101-01-01', '0000-01-01', '9999-12-31', '0006-07-01']) {
      expect(IsoDate.safeParse(outside).success, outside).toBe(false);
      expect(inDateDomain(outside), outside).toBe(false);
    }
  });

  it('refuses dates that do not exist, leap days included', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2000-02-29').success).toBe(true);
    for (const bad of ['1900-02-29', '2100-02-29', '2023-02-29', '2025-04-31', '2025-00-10']) {
      expect(isCalendarDate(bad), bad).toBe(false);
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('refuses a metrics range outside it at the contract', () => {
    const result = OverTimeInput.safeParse({ filter: { from: '9999-12-31', to: '9999-12-31' } });
    expect(result.success).toBe(false);
  });
});

describe('calendar arithmetic at both ends of the domain', () => {
  it('steps across the edges and keeps four-digit years', () => {
    expect(addDays(MIN_DATE, -1)).toBe('1899-12-31');
    expect(addDays(MAX_DATE, 1)).toBe('2101-01-01');
    expect(addMonths(MAX_DATE, 1)).toBe('2101-01-31');
    expect(addMonths(MIN_DATE, -1)).toBe('1899-12-01');
    expect(nextBucketStart(startOfMonth(MAX_DATE), 'month')).toBe('2101-01-01');
    expect(nextBucketStart(MAX_DATE, 'day')).toBe('2101-01-01');
    expect(bucketStart(MIN_DATE, 'week')).toBe(MIN_DATE); // a Monday
    expect(bucketStart(addDays(MIN_DATE, -1), 'week')).toBe('1899-12-25');
    expect(bucketStart(MAX_DATE, 'week')).toBe('2100-12-27');
    expect(endOfMonth(MAX_DATE)).toBe(MAX_DATE);
    expect(startOfYear(MAX_DATE)).toBe('2100-01-01');
    expect(daysInclusive(MIN_DATE, MAX_DATE)).toBe(73_414);
    expect(monthsTouched(MIN_DATE, MAX_DATE)).toBe(2_412);
    expect(bucketCount(MIN_DATE, MAX_DATE, 'day')).toBe(73_414);
    expect(bucketCount(MIN_DATE, MAX_DATE, 'month')).toBe(2_412);
    expect(bucketCount(MIN_DATE, MAX_DATE, 'week')).toBe(10_488);
  });

  it('writes years before 1000 with four digits and refuses years it cannot write', () => {
    expect(fromEpochDay(toEpochDay('0999-12-31') + 1)).toBe('1000-01-01');
    expect(addDays('0001-01-01', 0)).toBe('0001-01-01');
    expect(toEpochDay('0050-03-01') - toEpochDay('0050-02-28')).toBe(1);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addMonths('0001-01-01', -1)).toThrow(RangeError);
    expect(() => toEpochDay('+10000-01-01')).toThrow(RangeError);
  });
});

describe('calendar arithmetic (properties over the domain)', () => {
  it('adds days as the platform calendar does, and round-trips through epoch days', () => {
    fc.assert(
      fc.property(domainDate, fc.integer({ min: -400, max: 400 }), (date, days) => {
        expect(fromEpochDay(toEpochDay(date))).toBe(date);
        expect(addDays(date, days)).toBe(referenceAddDays(date, days));
        expect(daysInclusive(date, addDays(date, days))).toBe(days + 1);
      }),
    );
  });

  it('moves by months, clamping the day, and inverts within the month', () => {
    fc.assert(
      fc.property(domainDate, fc.integer({ min: -240, max: 240 }), (date, months) => {
        const moved = addMonths(date, months);
        expect(isCalendarDate(moved)).toBe(true);
        expect(monthsTouched(startOfMonth(date), startOfMonth(moved))).toBe(months + 1);
        expect(Number(moved.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)));
        if (Number(date.slice(8)) <= 28) expect(addMonths(moved, -months)).toBe(date);
      }),
    );
  });

  it('puts every date in exactly one bucket, and buckets tile the range', () => {
    fc.assert(
      fc.property(
        domainDate,
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom(...GRANULARITIES),
        (from, length, granularity) => {
          const to = addDays(from, length);
          const start = bucketStart(from, granularity);
          expect(start <= from).toBe(true);
          expect(nextBucketStart(start, granularity) > from).toBe(true);
          if (granularity === 'week') expect(isoWeekday(start)).toBe(0);
          let count = 0;
          for (let s = start; s <= to; s = nextBucketStart(s, granularity)) count += 1;
          expect(bucketCount(from, to, granularity)).toBe(count);
        },
      ),
    );
  });

  it('resolves auto to a granularity whose bucket count stays small', () => {
    fc.assert(
      fc.property(domainDate, domainDate, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const granularity = resolveGranularity('auto', from, to);
        expect(bucketCount(from, to, granularity)).toBeLessThanOrEqual(2_412);
      }),
    );
  });
});
