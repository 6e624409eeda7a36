import { describe, expect, it } from 'vitest';
import { byAccount, toActualTransaction, type ActualIds, type PeerRow } from './rows.ts';

const ids: ActualIds = {
  accounts: new Map([
    ['Checking', 'acct-c'],
    ['Savings', 'acct-s'],
  ]),
  categories: new Map([
    ['Groceries', 'cat-g'],
    ['Salary', 'cat-salary'],
  ]),
  transferPayees: new Map([
    ['Checking', 'payee-to-checking'],
    ['Savings', 'payee-to-savings'],
  ]),
};

const base: PeerRow = {
  id: '0001',
  account: 'Checking',
  date: '2026-06-01',
  amountMinor: -1_234,
  category: 'Groceries',
  categoryKind: 'expense',
  payee: 'Safeway',
  description: 'Card purchase',
};

describe('toActualTransaction', () => {
  it('keeps id, date, amount, category, payee and description (as notes), with its sort order', () => {
    expect(toActualTransaction(base, 7, ids)).toEqual({
      id: '0001',
      date: '2026-06-01',
      amount: -1_234,
      category: 'cat-g',
      payee_name: 'Safeway',
      notes: 'Card purchase',
      sort_order: 7,
    });
  });

  it("makes a transfer an Actual transfer: the other account's transfer payee, no category", () => {
    const out = { ...base, category: 'Transfer', categoryKind: 'transfer' as const };
    expect(toActualTransaction(out, 1, ids)).toMatchObject({
      payee: 'payee-to-savings',
      category: null,
    });
    const back = { ...out, account: 'Savings', amountMinor: 5_000 };
    expect(toActualTransaction(back, 2, ids)).toMatchObject({
      payee: 'payee-to-checking',
      category: null,
      amount: 5_000,
    });
  });

  it('leaves an uncategorized row without a category', () => {
    const row = { ...base, category: null, categoryKind: null, payee: 'Venmo' };
    expect(toActualTransaction(row, 0, ids)).toMatchObject({ category: null, payee_name: 'Venmo' });
  });

  it('refuses a category Actual was not given', () => {
    expect(() => toActualTransaction({ ...base, category: 'Travel' }, 0, ids)).toThrow(/Travel/);
  });
});

describe('byAccount', () => {
  it('groups rows by account, each with its place in the whole history', () => {
    const rows = [base, { ...base, id: '0002', account: 'Savings' }, { ...base, id: '0003' }];
    const groups = byAccount(rows);
    expect([...groups.keys()]).toEqual(['Checking', 'Savings']);
    expect(groups.get('Checking')!.map((g) => [g.row.id, g.sortOrder])).toEqual([
      ['0001', 0],
      ['0003', 2],
    ]);
    expect(groups.get('Savings')!.map((g) => [g.row.id, g.sortOrder])).toEqual([['0002', 1]]);
  });
});
