import type { BudgetStatus } from '@outlay/contracts';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '../lib/format.ts';
import { progressText, remainingText } from './budget-progress.tsx';

const format = createFormatters('en-US', 'USD');
const status = (patch: Partial<BudgetStatus>): BudgetStatus => ({
  budget: {
    id: '00000000-0000-4000-8000-000000000001',
    categoryId: '00000000-0000-4000-8000-000000000002',
    groupId: null,
    name: 'Dining',
    color: '#8a94a6',
    archived: false,
    period: 'monthly',
    amountMinor: 40_000,
    startsOn: '2026-12-01',
    endsOn: null,
    rollover: 'none',
  },
  from: '2026-12-01',
  to: '2026-12-31',
  amountMinor: 40_000,
  rolloverMinor: 0,
  spentMinor: 31_200,
  availableMinor: 8_800,
  days: 31,
  elapsedDays: 6,
  paceMinor: 7_742,
  remainingPerDayMinor: 338,
  projectedMinor: 161_200,
  health: 'at_risk',
  ...patch,
});

describe('a budget in words', () => {
  it('says spent of allowed with the share, readable without the bar', () => {
    expect(progressText(status({}), format)).toBe('$312.00 of $400.00 · 78.0%');
    // What carried in is part of what the period allows.
    expect(progressText(status({ rolloverMinor: 10_000 }), format)).toBe(
      '$312.00 of $500.00 · 62.4%',
    );
    // Overspending carried beyond the amount: nothing to divide by.
    expect(progressText(status({ rolloverMinor: -40_000, spentMinor: 0 }), format)).toBe(
      '$0.00 of $0.00',
    );
  });

  it('says what is left per day, or by how much it is over, or what was left at the end', () => {
    expect(remainingText(status({}), format)).toBe('$88.00 left · $3.38 a day for 26 days');
    expect(remainingText(status({ availableMinor: -1_250 }), format)).toBe('Over by $12.50');
    expect(remainingText(status({ elapsedDays: 31, remainingPerDayMinor: null }), format)).toBe(
      '$88.00 was left at the end',
    );
    expect(remainingText(status({ elapsedDays: 31, remainingPerDayMinor: 8_800 }), format)).toBe(
      '$88.00 left · $88.00 a day for 1 day',
    );
  });
});
