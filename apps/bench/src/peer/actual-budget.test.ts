import { describe, expect, it } from 'vitest';
import { budgetKey } from './actual-budget.ts';
import type { PeerRow } from './rows.ts';

const rows: PeerRow[] = [
  {
    id: '0001',
    account: 'Checking',
    date: '2026-06-01',
    amountMinor: -1_234,
    category: 'Groceries',
    categoryKind: 'expense',
    payee: 'Safeway',
    description: 'Card purchase',
  },
  {
    id: '0002',
    account: 'Savings',
    date: '2026-06-02',
    amountMinor: 5_000,
    category: null,
    categoryKind: null,
    payee: 'Venmo',
    description: 'Payment received',
  },
];

describe('budgetKey (which cached Actual budget holds these rows)', () => {
  it('is the same for the same rows and version', () => {
    expect(budgetKey('26.9.0', rows)).toBe(budgetKey('26.9.0', structuredClone(rows)));
    expect(budgetKey('26.9.0', rows)).toMatch(/^2-[0-9a-f]{16}$/);
  });

  it('changes with any field of any row, their order, or the version', () => {
    const key = budgetKey('26.9.0', rows);
    expect(budgetKey('26.10.0', rows)).not.toBe(key);
    expect(budgetKey('26.9.0', [rows[1]!, rows[0]!])).not.toBe(key);
    expect(budgetKey('26.9.0', [rows[0]!, { ...rows[1]!, amountMinor: 5_001 }])).not.toBe(key);
    expect(budgetKey('26.9.0', [rows[0]!, { ...rows[1]!, payee: 'venmo' }])).not.toBe(key);
    expect(budgetKey('26.9.0', rows.slice(0, 1))).not.toBe(key);
  });
});
