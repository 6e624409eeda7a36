import { describe, expect, it } from 'vitest';
import { actualConditions } from './ask-actual.ts';
import { outlayFilter } from './ask-outlay.ts';

const year = { from: '2025-12-06', to: '2026-12-05' };

describe("one question filter, in each system's terms", () => {
  it("maps the account by name to each side's id", () => {
    expect(outlayFilter({ ...year, account: 'Checking' }, new Map([['Checking', 'o-1']]))).toEqual({
      ...year,
      accountIds: ['o-1'],
    });
    expect(
      actualConditions({ ...year, account: 'Checking' }, new Map([['Checking', 'a-1']])),
    ).toEqual([{ date: { $gte: year.from } }, { date: { $lte: year.to } }, { account: 'a-1' }]);
    expect(() => outlayFilter({ account: 'Brokerage' }, new Map())).toThrow(/Brokerage/);
    expect(() => actualConditions({ account: 'Brokerage' }, new Map())).toThrow(/Brokerage/);
  });

  it('passes amount bounds and search through to Outlay unchanged', () => {
    expect(outlayFilter({ minAmount: 5_000, search: 'dropbox' }, new Map())).toEqual({
      minAmount: 5_000,
      search: 'dropbox',
    });
  });

  it("gives Actual an absolute-amount bound and its search box's filter", () => {
    expect(actualConditions({ minAmount: 5_000, search: 'dropbox' }, new Map())).toEqual([
      { amount: { $transform: '$abs', $gte: 5_000 } },
      {
        $or: {
          'payee.name': { $like: '%dropbox%' },
          'payee.transfer_acct.name': { $like: '%dropbox%' },
          notes: { $like: '%dropbox%' },
          'category.name': { $like: '%dropbox%' },
          'account.name': { $like: '%dropbox%' },
        },
      },
    ]);
    expect(actualConditions({}, new Map())).toEqual([]);
  });
});
