import { describe, expect, it } from 'vitest';
import { amount, breakdown, ids } from './answers.ts';
import {
  deepOffset,
  last12Months,
  matches,
  questions,
  referenceAnswer,
  spendOf,
  TEN_TIMES_AHEAD,
} from './questions.ts';
import type { PeerRow } from './rows.ts';

const row = (over: Partial<PeerRow> & Pick<PeerRow, 'id' | 'date' | 'amountMinor'>): PeerRow => ({
  account: 'Checking',
  category: 'Groceries',
  categoryKind: 'expense',
  payee: 'Safeway',
  description: 'Card purchase',
  ...over,
});

// One of each kind the generator makes, over two months.
const rows: PeerRow[] = [
  row({ id: 'a1', date: '2026-05-03', amountMinor: -1_000 }),
  row({ id: 'a2', date: '2026-05-03', amountMinor: 250, description: 'Refund' }),
  row({
    id: 'a3',
    date: '2026-05-20',
    amountMinor: -7_500,
    category: 'Technology',
    payee: 'Dropbox',
  }),
  row({
    id: 'a4',
    date: '2026-06-01',
    amountMinor: 300_000,
    category: 'Salary',
    categoryKind: 'income',
    payee: 'Payroll',
    description: 'Salary',
  }),
  row({
    id: 'a5',
    date: '2026-06-01',
    amountMinor: -20_000,
    category: 'Transfer',
    categoryKind: 'transfer',
    payee: 'Transfer to Savings',
  }),
  row({
    id: 'a6',
    date: '2026-06-02',
    amountMinor: -400,
    category: null,
    categoryKind: null,
    payee: 'Starbucks',
    description: 'Cash withdrawal',
  }),
  row({
    id: 'a7',
    date: '2026-06-02',
    amountMinor: 900,
    category: null,
    categoryKind: null,
    payee: 'Venmo',
    description: 'Payment received',
    account: 'Savings',
  }),
  row({ id: 'a8', date: '2026-06-03', amountMinor: -6_000, account: 'Savings', payee: 'DROPBOX' }),
];

describe('spendOf (DESIGN §3, written out plainly)', () => {
  it('counts expenses, nets refunds, counts uncategorized money out, ignores income and transfers', () => {
    expect(rows.map(spendOf)).toEqual([1_000, -250, 7_500, 0, 0, 400, 0, 6_000]);
  });
});

describe('referenceAnswer', () => {
  it('totals spend, refunds netted, transfers and income left out', () => {
    expect(referenceAnswer(rows, { kind: 'total', filter: {} })).toEqual(amount(14_650));
  });

  it('narrows by dates (inclusive), absolute amount and account', () => {
    const june = { from: '2026-06-01', to: '2026-06-02' };
    expect(referenceAnswer(rows, { kind: 'total', filter: june })).toEqual(amount(400));
    expect(referenceAnswer(rows, { kind: 'total', filter: { minAmount: 1_000 } })).toEqual(
      amount(14_500),
    );
    expect(referenceAnswer(rows, { kind: 'total', filter: { account: 'Savings' } })).toEqual(
      amount(6_000),
    );
  });

  it('breaks spend down by category ("Uncategorized" for none) and by month', () => {
    expect(referenceAnswer(rows, { kind: 'byCategory', filter: {} })).toEqual(
      breakdown([
        ['Groceries', 6_750],
        ['Technology', 7_500],
        ['Uncategorized', 400],
      ]),
    );
    expect(referenceAnswer(rows, { kind: 'byMonth', filter: {} })).toEqual(
      breakdown([
        ['2026-05', 8_250],
        ['2026-06', 6_400],
      ]),
    );
  });

  it('lists newest first, rows of one date by id descending, from an offset', () => {
    const page = (offset: number, limit: number) =>
      referenceAnswer(rows, { kind: 'page', filter: {}, offset, limit });
    expect(page(0, 3)).toEqual(ids(['a8', 'a7', 'a6']));
    expect(page(3, 3)).toEqual(ids(['a5', 'a4', 'a3']));
    expect(page(6, 50)).toEqual(ids(['a2', 'a1']));
  });

  it('searches payee and description, ignoring case', () => {
    expect(referenceAnswer(rows, { kind: 'all', filter: { search: 'dropbox' } })).toEqual(
      ids(['a8', 'a3']),
    );
    expect(referenceAnswer(rows, { kind: 'all', filter: { search: 'REFUND' } })).toEqual(
      ids(['a2']),
    );
  });

  it('does not reorder the rows it was given', () => {
    const before = rows.map((r) => r.id);
    referenceAnswer(rows, { kind: 'all', filter: {} });
    expect(rows.map((r) => r.id)).toEqual(before);
  });
});

describe('matches', () => {
  it('treats search text literally', () => {
    const percent = row({ id: 'p', date: '2026-01-01', amountMinor: -1, payee: '50% off' });
    expect(matches(percent, { search: '50%' })).toBe(true);
    expect(matches(row({ id: 'q', date: '2026-01-01', amountMinor: -1 }), { search: '%' })).toBe(
      false,
    );
  });
});

describe('the question catalogue', () => {
  it('is the last 12 months up to today, the day after a year before', () => {
    expect(last12Months('2026-12-05')).toEqual({ from: '2025-12-06', to: '2026-12-05' });
    // A leap day: a year before is clamped to Feb 28th, so the range starts on Mar 1st.
    expect(last12Months('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });

  it('puts the deep page at row 50,000, or the middle of a smaller history', () => {
    expect(deepOffset(100_000)).toBe(50_000);
    expect(deepOffset(1_000_000)).toBe(50_000);
    expect(deepOffset(5_001)).toBe(2_500);
  });

  it("asks the issue's questions with its targets", () => {
    const asked = questions({
      today: '2026-12-05',
      rows: 100_000,
      account: 'Checking',
      search: 'dropbox',
      minAmount: 5_000,
    });
    expect(
      asked.map((q) => [q.name, q.target.kind === 'ratio' ? q.target.max : null, q.list]),
    ).toEqual([
      ['total spend, last 12 months', 0.1, false],
      ['spend per category, last 12 months', 0.1, false],
      ['spend per month, all time', 0.1, false],
      ['total spend, last 12 months, amount filter', 0.25, false],
      ['total spend, last 12 months, account filter', 0.25, false],
      ['first page of 50 by date', 0.1, true],
      ['the page at row 50,000', 0.1, true],
      ['text search on payee, first page', 0.1, true],
      ['text search on payee, all matches', 0.1, true],
    ]);
    expect(asked[0]!.target).toEqual(TEN_TIMES_AHEAD);
    expect(asked[3]!.ask).toEqual({
      kind: 'total',
      filter: { from: '2025-12-06', to: '2026-12-05', minAmount: 5_000 },
    });
    expect(asked[6]!.ask).toEqual({ kind: 'page', filter: {}, offset: 50_000, limit: 50 });
  });
});
