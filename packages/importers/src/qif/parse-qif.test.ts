import { describe, expect, it } from 'vitest';
import { parseQif } from '../index.ts';
import { bytes, statementOf } from '../testing/helpers.ts';

describe('parseQif', () => {
  it('gives the transactions after each !Account block to that account', () => {
    const qif = [
      '!Option:AutoSwitch',
      '!Account',
      'NChecking',
      'TBank',
      '^',
      'NVisa',
      'TCCard',
      '^',
      '!Clear:AutoSwitch',
      '!Account',
      'NChecking',
      'TBank',
      '^',
      '!Type:Bank',
      'D03/01/2024',
      'T-1,234.56',
      'PLandlord',
      'LRent',
      '^',
      '!Account',
      'NVisa',
      'TCCard',
      '^',
      '!Type:CCard',
      'D03/02/2024',
      'T-9.99',
      'PStreaming',
      'LEntertainment:Subscriptions/Family',
      '^',
      'D03/15/2024',
      'T500.00',
      'PPayment',
      'L[Checking]',
      '^',
    ].join('\r\n');
    const s = statementOf(parseQif(bytes(qif), { currency: 'USD' }));
    expect(s.accounts.map((a) => [a.name, a.type, a.currency])).toEqual([
      ['Checking', 'checking', 'USD'],
      ['Visa', 'creditCard', 'USD'],
    ]);
    expect(
      s.transactions.map((t) => [
        t.account,
        t.date,
        t.amountMinor,
        t.categoryHint,
        t.transferAccount,
      ]),
    ).toEqual([
      [0, '2024-03-01', -123456, 'Rent', null],
      [1, '2024-03-02', -999, 'Entertainment:Subscriptions', null],
      [1, '2024-03-15', 50000, null, 'Checking'],
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('reads day-first dates when the file needs it, or when told', () => {
    const qif = '!Type:Cash\nD25/12/2023\nT-5.00\nPMarket\n^\nD03/01/2024\nT-2.00\nPBakery\n^\n';
    expect(statementOf(parseQif(bytes(qif))).transactions.map((t) => t.date)).toEqual([
      '2023-12-25',
      '2024-01-03',
    ]);
    const ambiguous = '!Type:Bank\nD03/01/2024\nT-2.00\n^\n';
    const monthFirst = statementOf(parseQif(bytes(ambiguous)));
    expect(monthFirst.transactions[0]?.date).toBe('2024-03-01');
    expect(monthFirst.warnings[0]?.message).toMatch(/read month-first/);
    expect(
      statementOf(parseQif(bytes(ambiguous), { dateOrder: 'dmy' })).transactions[0]?.date,
    ).toBe('2024-01-03');
    expect(statementOf(parseQif(bytes(`!Option:DMY\n${ambiguous}`))).transactions[0]?.date).toBe(
      '2024-01-03',
    );
  });

  it('reads decimal-comma amounts', () => {
    const qif = '!Type:Bank\nD2024-02-01\nT-1.234,50\nPMiete\n^\nD2024-02-02\nT12,00\n^\n';
    expect(
      statementOf(parseQif(bytes(qif), { currency: 'EUR' })).transactions.map((t) => t.amountMinor),
    ).toEqual([-123450, 1200]);
  });

  it('adds a line for what the splits leave out, and says so', () => {
    const qif =
      '!Type:Bank\nD1/20/2024\nT-100.00\nPStore\nL--Split--\nSFood\n$-60.00\nSHome\n$-30.00\n^\n';
    const s = statementOf(parseQif(bytes(qif), { currency: 'USD' }));
    expect(s.transactions[0]?.splits).toEqual([
      { categoryHint: 'Food', transferAccount: null, amountMinor: -6000, memo: null },
      { categoryHint: 'Home', transferAccount: null, amountMinor: -3000, memo: null },
      {
        categoryHint: null,
        transferAccount: null,
        amountMinor: -1000,
        memo: 'Not split in the file',
      },
    ]);
    expect(s.warnings.map((w) => w.message)).toEqual([
      'Line 2: the split lines add up to -9000 minor units but the transaction is -10000; a line without a category holds the difference.',
    ]);
  });

  it('leaves out a record without a readable date or amount, naming its line, and reads the rest', () => {
    const qif =
      '!Type:Bank\nD2/30/2024\nT-1.00\nPBad date\n^\nT-2.00\nPNo date\n^\nD3/1/2024\nTlots\n^\nD3/2/2024\nT-4.00\nPGood\n^\n';
    const s = statementOf(parseQif(bytes(qif), { currency: 'USD' }));
    expect(s.transactions.map((t) => t.payee)).toEqual(['Good']);
    expect(s.errors.map((e) => e.message)).toEqual([
      'Line 2: the transaction was left out: line 2: "2/30/2024" is not a date (2024-02-30 does not exist).',
      'Line 6: the transaction was left out: it has no date (D line).',
      'Line 9: the transaction was left out: line 10: "lots" is not an amount.',
    ]);
  });

  it('reads a file without a !Type line as bank transactions, with a warning', () => {
    const s = statementOf(parseQif(bytes('D1/2/2024\nT-1.00\nPShop\n^\n'), { currency: 'USD' }));
    expect(s.transactions).toHaveLength(1);
    expect(s.warnings.map((w) => w.message)).toContain(
      'The file has no !Type line; its records were read as bank transactions.',
    );
  });
});
