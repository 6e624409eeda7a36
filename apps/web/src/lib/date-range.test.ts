import { describe, expect, it } from 'vitest';
import { dateProblem, rangeMessages, rangeProblem } from './date-range.ts';
import { createFormatters } from './format.ts';

const format = createFormatters('en-US', 'USD');
const twoYears = { days: 731, said: 'two years' };

describe('the checks of a typed date range', () => {
  it('refuses a date until it is whole and inside the date domain', () => {
    expect(dateProblem('2026-1', format)).toBe('Enter a whole date.');
    expect(dateProblem('0006-07-01', format)).toMatch(/^Enter a date from .*1900 to .*2100\.$/);
    expect(dateProblem('2026-02-28', format)).toBeNull();
  });

  it('refuses a range that runs backwards or is longer than its page reads', () => {
    expect(rangeProblem('2026-03-02', '2026-03-01')).toBe(
      'The start date must be on or before the end date.',
    );
    expect(rangeProblem('2026-01-01', '2028-01-02', twoYears)).toBe(
      'Choose a range of at most two years.',
    );
    expect(rangeProblem('2026-01-01', '2028-01-01', twoYears)).toBeNull();
    expect(rangeProblem('2026-03-01', '2026-03-01')).toBeNull();
  });

  it('leaves the order to be worked out while a date is not whole', () => {
    expect(rangeProblem('2026-03-0', '2026-01-01')).toBeNull();
  });

  it('names each date in its message', () => {
    expect(rangeMessages({ from: 'Enter a whole date.', to: null, range: null })).toEqual([
      'Start date: Enter a whole date.',
    ]);
    expect(rangeMessages({ from: null, to: null, range: null })).toEqual([]);
  });
});
