import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysInclusive,
  endOfMonth,
  localIsoDate,
  monthsTouched,
} from '@outlay/contracts';
import { presetRange, previousRange } from './date-range.ts';

describe('calendar arithmetic', () => {
  it('moves by days and months on calendar dates', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(daysInclusive('2025-01-01', '2025-12-31')).toBe(365);
    expect(monthsTouched('2024-12-15', '2025-02-01')).toBe(3);
    expect(localIsoDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

describe('date presets', () => {
  const today = '2025-11-21';

  it('resolves each preset against today', () => {
    expect(presetRange('this-month', today)).toEqual({ from: '2025-11-01', to: today });
    expect(presetRange('last-30-days', today)).toEqual({ from: '2025-10-23', to: today });
    expect(presetRange('last-3-months', today)).toEqual({ from: '2025-09-01', to: today });
    expect(presetRange('last-12-months', today)).toEqual({ from: '2024-12-01', to: today });
    expect(presetRange('year-to-date', today)).toEqual({ from: '2025-01-01', to: today });
    expect(presetRange('all-time', today)).toEqual({});
  });

  it('makes the month presets touch exactly the months they name', () => {
    for (const [preset, months] of [
      ['this-month', 1],
      ['last-3-months', 3],
      ['last-12-months', 12],
    ] as const) {
      const { from, to } = presetRange(preset, today);
      expect(monthsTouched(from!, to!)).toBe(months);
    }
  });
});

describe('previous period', () => {
  it('is the same stretch of the calendar one period earlier', () => {
    // This month so far → the same days of last month.
    expect(previousRange({ from: '2025-11-01', to: '2025-11-21' }, 'this-month')).toEqual({
      from: '2025-10-01',
      to: '2025-10-21',
    });
    expect(previousRange({ from: '2025-03-01', to: '2025-03-31' }, 'this-month')).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(previousRange({ from: '2025-09-01', to: '2025-11-21' }, 'last-3-months')).toEqual({
      from: '2025-06-01',
      to: '2025-08-21',
    });
    expect(previousRange({ from: '2024-12-01', to: '2025-11-21' }, 'last-12-months')).toEqual({
      from: '2023-12-01',
      to: '2024-11-21',
    });
    expect(previousRange({ from: '2025-01-01', to: '2025-11-21' }, 'year-to-date')).toEqual({
      from: '2024-01-01',
      to: '2024-11-21',
    });
  });

  it('shifts day ranges by their length, ending the day before', () => {
    expect(previousRange({ from: '2025-10-23', to: '2025-11-21' }, 'last-30-days')).toEqual({
      from: '2025-09-23',
      to: '2025-10-22',
    });
    const custom = previousRange({ from: '2025-03-10', to: '2025-03-16' }, null)!;
    expect(custom).toEqual({ from: '2025-03-03', to: '2025-03-09' });
    expect(daysInclusive(custom.from, custom.to)).toBe(7);
  });

  it('shifts a custom range of whole months by whole months', () => {
    expect(previousRange({ from: '2025-03-01', to: '2025-03-31' }, null)).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
    expect(previousRange({ from: '2025-01-01', to: '2025-03-31' }, null)).toEqual({
      from: '2024-10-01',
      to: '2024-12-31',
    });
  });

  it('has none for an open-ended range', () => {
    expect(previousRange({}, 'all-time')).toBeNull();
    expect(previousRange({ from: '2025-01-01' }, null)).toBeNull();
  });
});
