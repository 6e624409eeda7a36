/**
 * One test per file of `fixtures/` (real bank exports from other projects' test suites), each
 * asserting the facts `fixtures/README.md` lists for it.
 */
import { describe, expect, it } from 'vitest';
import { type ParsedStatement, type ParseHints } from '@outlay/contracts';
import { parseStatement } from './index.ts';
import { fixture, statementOf } from './testing/helpers.ts';

function read(path: string, hints?: ParseHints): ParsedStatement {
  return statementOf(parseStatement(fixture(path), hints));
}

const amounts = (s: ParsedStatement) => s.transactions.map((t) => t.amountMinor);
const dates = (s: ParsedStatement) => s.transactions.map((t) => t.date);
const byDate = (s: ParsedStatement) =>
  [...s.transactions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

describe('OFX fixtures', () => {
  it('ofxparse/bank_medium.ofx: SGML 1.02, unclosed leaves, one-line signon, fractional-second EST dates', () => {
    const s = read('ofxparse/bank_medium.ofx');
    expect(s.format).toBe('ofx');
    expect(s.formatVersion).toBe('102');
    expect(s.accounts).toEqual([
      {
        number: '12300 000012345678',
        iban: null,
        institutionId: '160000100',
        branchId: '00',
        name: null,
        type: 'checking',
        currency: 'CAD',
      },
    ]);
    expect(s.balances).toEqual([
      {
        account: 0,
        kind: 'closing',
        code: 'LEDGERBAL',
        date: '2009-05-23',
        amountMinor: 38234,
        currency: 'CAD',
      },
      {
        account: 0,
        kind: 'available',
        code: 'AVAILBAL',
        date: '2009-05-23',
        amountMinor: 68234,
        currency: 'CAD',
      },
    ]);
    expect(s.periods).toEqual([{ account: 0, from: '2009-04-01', to: '2009-05-23' }]);
    expect(s.transactions).toHaveLength(3);
    expect(s.transactions[0]).toMatchObject({
      date: '2009-04-01',
      amountMinor: -660,
      currency: 'CAD',
      payee: "MCDONALD'S #112",
      memo: "POS MERCHANDISE;MCDONALD'S #112",
      type: 'pos',
      externalId: '0000123456782009040100001',
      checkNumber: null,
    });
    expect(s.transactions[1]).toMatchObject({
      date: '2009-04-02',
      amountMinor: -31667,
      type: 'check',
      checkNumber: '0',
      payee: "Joe's Bald Hairstyles",
    });
    expect(s.transactions[2]).toMatchObject({
      date: '2009-04-03',
      amountMinor: -2200,
      payee: "CONNIE'S HAIR D",
    });
    expect(s.warnings).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('ofxparse/suncorp.ofx: OFX 2 XML, CRLF, CDATA with trailing spaces, dates without time', () => {
    const s = read('ofxparse/suncorp.ofx');
    expect(s.formatVersion).toBe('200');
    expect(s.accounts).toHaveLength(1);
    expect(s.accounts[0]).toMatchObject({
      number: '123456789',
      institutionId: 'SUNCORP',
      currency: 'AUD',
    });
    expect(s.transactions).toHaveLength(1);
    expect(s.transactions[0]).toMatchObject({
      date: '2013-12-15',
      amountMinor: -1685,
      currency: 'AUD',
      payee: 'EFTPOS WDL HANDYWAY ALDI STORE',
      memo: 'EFTPOS WDL HANDYWAY ALDI STORE   GEELONG WEST VICAU',
      externalId: '1',
      checkNumber: '0',
      type: 'debit',
    });
    expect(s.balances.map((b) => [b.kind, b.amountMinor, b.date])).toEqual([
      ['closing', 123412, '2013-12-15'],
      ['available', 123412, '2013-12-15'],
    ]);
    expect(s.errors).toEqual([]);
  });

  it('ofxparse/anzcc.ofx: XML header over SGML leaves, a credit-card statement, MEMO without NAME', () => {
    const s = read('ofxparse/anzcc.ofx');
    expect(s.formatVersion).toBe('203');
    expect(s.accounts).toEqual([
      {
        number: '1234123412341234',
        iban: null,
        institutionId: null,
        branchId: null,
        name: null,
        type: 'creditCard',
        currency: 'AUD',
      },
    ]);
    expect(s.transactions).toHaveLength(1);
    expect(s.transactions[0]).toMatchObject({
      date: '2017-05-08',
      amountMinor: -550,
      payee: null,
      memo: 'SOME MEMO',
      externalId: '201705080001',
    });
    // Opposite signs, kept as the bank wrote them.
    expect(s.balances.map((b) => [b.kind, b.amountMinor])).toEqual([
      ['closing', -12345],
      ['available', 12345],
    ]);
  });

  it('ofxparse/ofx-v102-empty-tags.ofx: leading blank lines, closed empty tags, mixed-case TRNTYPE', () => {
    const s = read('ofxparse/ofx-v102-empty-tags.ofx');
    expect(s.accounts).toEqual([
      {
        number: '12345678',
        iban: null,
        institutionId: 'NPBS',
        branchId: null,
        name: null,
        type: null,
        currency: null,
      },
    ]);
    expect(s.warnings[0]?.message).toMatch(
      /^Currency definition was empty for <stmtrs><curdef><\/curdef>/,
    );
    expect(s.transactions).toHaveLength(1);
    expect(s.transactions[0]).toMatchObject({
      date: '2018-05-07',
      amountMinor: 1234,
      // The empty CURDEF is made up for by the transaction's own CURRENCY/CURSYM.
      currency: 'AUD',
      externalId: null,
      payee: null,
      memo: 'CBA:Transfer',
      type: 'credit',
    });
    // The ledger balance has an empty amount and date: left out, with a warning.
    expect(s.balances).toEqual([]);
    expect(s.warnings.some((w) => /LEDGERBAL balance was left out/.test(w.message))).toBe(true);
    expect(s.errors).toEqual([]);
    // With the account's currency as a hint, the account gets it.
    expect(
      read('ofxparse/ofx-v102-empty-tags.ofx', { currency: 'AUD' }).accounts[0]?.currency,
    ).toBe('AUD');
  });

  it('ofxparse/multiple_accounts2.ofx: two statements, balances only, amounts without decimals', () => {
    const s = read('ofxparse/multiple_accounts2.ofx');
    expect(s.formatVersion).toBe('211');
    expect(s.accounts.map((a) => [a.number, a.institutionId, a.type])).toEqual([
      ['9100', '123', 'checking'],
      ['9200', '123', 'savings'],
    ]);
    expect(s.transactions).toEqual([]);
    expect(s.balances).toEqual([
      {
        account: 0,
        kind: 'closing',
        code: 'LEDGERBAL',
        date: '2012-06-03',
        amountMinor: 11100,
        currency: 'USD',
      },
      {
        account: 1,
        kind: 'closing',
        code: 'LEDGERBAL',
        date: '2012-06-03',
        amountMinor: 22200,
        currency: 'USD',
      },
    ]);
  });

  it('ofxparse/decimal_error.ofx: no header, the one entry is left out with a clear error', () => {
    const s = read('ofxparse/decimal_error.ofx');
    expect(s.transactions).toEqual([]);
    expect(s.errors).toHaveLength(1);
    const error = s.errors[0];
    expect(error?.line).toBe(34);
    expect(error?.element).toBe('STMTTRN');
    expect(error?.message).toBe(
      'Line 34: the transaction (STMTTRN) was left out: DTPOSTED "201120000000" is not a date (there is no month 20); TRNAMT "$120" is not a number.',
    );
    expect(s.accounts[0]).toMatchObject({
      number: '192639749',
      institutionId: '123845030',
      currency: 'CAD',
    });
  });
});

describe('QIF fixtures', () => {
  it("quiffen/test.qif: M/D'YYYY dates, splits, comments, and skipped class, category, investment and security blocks", () => {
    const s = read('quiffen/test.qif');
    expect(s.format).toBe('qif');
    expect(s.accounts).toHaveLength(1);
    expect(s.accounts[0]?.type).toBe('checking');
    expect(s.transactions).toHaveLength(6);
    const [opening, tmobile, post, target, walmart, amazon] = s.transactions;
    expect(opening).toMatchObject({
      date: '2020-02-10',
      amountMinor: 0,
      payee: 'Opening Balance',
      transferAccount: 'TestExport',
      categoryHint: null,
    });
    expect(tmobile).toMatchObject({
      date: '2020-02-14',
      amountMinor: 6750,
      payee: 'T-Mobile',
      categoryHint: 'Bills:Cell Phone',
      splits: [
        {
          categoryHint: 'Bills:Cell Phone',
          transferAccount: null,
          amountMinor: -1500,
          memo: 'sign up credit',
        },
        {
          categoryHint: 'Bills:Cell Phone',
          transferAccount: null,
          amountMinor: 8250,
          memo: 'new account',
        },
      ],
    });
    expect(post).toMatchObject({
      date: '2020-02-14',
      amountMinor: 3200,
      payee: 'US Post Office',
      memo: 'money back for damaged parcel',
      categoryHint: 'Miscellaneous',
      splits: [],
    });
    expect(target).toMatchObject({ date: '2020-02-12', amountMinor: -1000, payee: 'Target' });
    expect(target?.splits.map((x) => x.amountMinor)).toEqual([-500, -500]);
    expect(walmart).toMatchObject({
      date: '2020-02-11',
      amountMinor: -2500,
      payee: 'Walmart',
      checkNumber: '123',
      categoryHint: 'Food:Groceries',
    });
    expect(amazon).toMatchObject({ date: '2020-02-10', amountMinor: -10000, payee: 'Amazon.com' });
    expect(amazon?.splits.map((x) => [x.categoryHint, x.amountMinor])).toEqual([
      ['Food:Groceries', -5000],
      ['Transportation:Automobile', -2500],
      ['Personal Care:Haircare', -1000],
      ['Healthcare:Prescriptions', -1500],
    ]);
    // The investment transaction is not imported: a warning, not an error.
    expect(s.errors).toEqual([]);
    const invst = s.warnings.find((w) => w.element === '!Type:Invst');
    expect(invst?.message).toMatch(/1 investment transaction \(!Type:Invst\) was skipped/);
    for (const block of ['!Type:Class', '!Type:Cat', '!Type:Security']) {
      expect(s.warnings.some((w) => w.element === block)).toBe(true);
    }
  });

  it("quiffen/test_split.qif: a space-padded 1/ 1'00 date, U and T amounts, a split to a transfer account", () => {
    const s = read('quiffen/test_split.qif');
    expect(s.transactions).toHaveLength(1);
    expect(s.transactions[0]).toMatchObject({
      date: '2000-01-01',
      amountMinor: -1000,
      payee: 'A Payee',
      categoryHint: null,
      transferAccount: null,
      splits: [
        { categoryHint: null, transferAccount: 'An Account', amountMinor: -900, memo: null },
        { categoryHint: 'A Category', transferAccount: null, amountMinor: -100, memo: null },
      ],
    });
  });
});

describe('CAMT.053 fixtures', () => {
  it('camt/camt053.v2.multi.statement.xml: two statements of one account, sign from CdtDbtInd', () => {
    const s = read('camt/camt053.v2.multi.statement.xml');
    expect(s.format).toBe('camt');
    expect(s.formatVersion).toBe('camt.053.001.02');
    expect(s.accounts).toEqual([
      {
        number: 'NL26VAYB8060476890',
        iban: 'NL26VAYB8060476890',
        institutionId: null,
        branchId: null,
        name: null,
        type: null,
        currency: 'EUR',
      },
    ]);
    expect(s.transactions).toHaveLength(2);
    expect(s.transactions[0]).toMatchObject({
      account: 0,
      date: '2014-12-31',
      valueDate: '2015-01-02',
      amountMinor: 885,
      currency: 'EUR',
      payee: 'Company Name 1',
      memo: 'Transaction Description 1',
      externalId: '000000001',
      reversal: false,
    });
    expect(s.transactions[1]).toMatchObject({
      account: 0,
      amountMinor: -700,
      payee: 'Company Name 2',
      memo: 'Transaction Description 2',
      externalId: '000000002',
    });
    expect(s.balances.map((b) => [b.code, b.date, b.amountMinor])).toEqual([
      ['OPBD', '2014-12-30', 1815],
      ['CLBD', '2014-12-31', 2700],
      ['OPBD', '2014-12-30', 2700],
      ['CLBD', '2014-12-31', 2000],
    ]);
    // Both statements balance, so nothing to warn about.
    expect(s.warnings).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('camt/camt053.v2.five.decimals.xml: 8.850 EUR is exactly 885; the closing balance that does not add up is a warning', () => {
    const s = read('camt/camt053.v2.five.decimals.xml');
    expect(s.errors).toEqual([]);
    expect(s.transactions).toHaveLength(1);
    expect(s.transactions[0]).toMatchObject({
      amountMinor: 885,
      currency: 'EUR',
      date: '2014-12-31',
    });
    expect(s.balances.map((b) => [b.code, b.amountMinor])).toEqual([
      ['OPBD', 1815],
      ['CLBD', 2705],
    ]);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]?.message).toBe(
      'Statement 253EURNL26VAYB8060476890 (line 25): the closing balance 27.05 EUR on 2014-12-31 is not the opening balance 18.15 EUR plus the 1 entry read (27.00 EUR); 0.05 EUR is unaccounted for.',
    );
  });
});

describe('CSV fixtures', () => {
  it('reckon/chase.csv: no header, OFX timestamps as dates, a CREDIT with a negative amount', () => {
    const s = read('reckon/chase.csv');
    expect(s.format).toBe('csv');
    expect(s.csv?.mapping).toMatchObject({
      header: false,
      date: 1,
      amount: { kind: 'single', column: 3 },
      payee: 2,
      memo: [0],
    });
    expect(s.transactions).toHaveLength(9);
    expect(amounts(s)[1]).toBe(-2000);
    expect(amounts(s)[4]).toBe(155852);
    expect(amounts(s)[7]).toBe(-11622);
    expect(s.transactions[1]).toMatchObject({ payee: 'CHECK 2656', memo: 'CHECK' });
    const sorted = byDate(s);
    expect(sorted[0]).toMatchObject({ date: '2009-12-10', amountMinor: 210500 });
    expect(sorted.at(-1)).toMatchObject({ date: '2009-12-24' });
    expect(s.transactions[0]).toMatchObject({ date: '2009-12-24', amountMinor: -8500 });
  });

  it('reckon/nationwide.csv: 07 Nov 2013 dates, £ in UTF-8, unsigned paid-out and paid-in columns', () => {
    const s = read('reckon/nationwide.csv');
    expect(s.csv?.mapping).toMatchObject({
      date: 0,
      amount: { kind: 'debitCredit', debit: 3, credit: 4 },
      balance: 5,
    });
    expect(s.transactions).toHaveLength(4);
    expect(amounts(s)).toEqual([50000, -2000, -1977, -10000]);
    expect(s.transactions[1]?.date).toBe('2013-10-09');
    expect(s.transactions.every((t) => t.currency === 'GBP')).toBe(true);
    expect(s.transactions.map((t) => t.balanceAfterMinor)).toEqual([50000, 48000, 46023, 36023]);
    const sorted = byDate(s);
    expect(sorted[0]).toMatchObject({ date: '2013-10-09', amountMinor: -2000 });
    expect(sorted.at(-1)).toMatchObject({ date: '2013-12-10', amountMinor: -10000 });
  });

  it('reckon/french_example.csv: semicolons, a trailing separator, DD/MM/YYYY and decimal commas', () => {
    const s = read('reckon/french_example.csv');
    expect(s.csv?.mapping).toMatchObject({
      delimiter: ';',
      header: false,
      date: 1,
      amount: { kind: 'single', column: 4 },
      decimalSeparator: ',',
      dateOrder: 'dmy',
      account: 0,
    });
    expect(s.transactions).toHaveLength(9);
    expect(amounts(s).slice(0, 2)).toEqual([-1000, -576]);
    expect(new Set(dates(s))).toEqual(new Set(['2014-01-21', '2014-01-22']));
    expect(s.accounts).toEqual([expect.objectContaining({ number: '01234567890' })]);
  });

  it('reckon/danish_kroner_nordea_example.csv: DD-MM-YYYY, decimal comma without grouping, a refund', () => {
    const s = read('reckon/danish_kroner_nordea_example.csv');
    expect(s.csv?.mapping).toMatchObject({
      delimiter: ';',
      date: 0,
      amount: { kind: 'single', column: 3 },
      balance: 4,
      decimalSeparator: ',',
    });
    expect(amounts(s)).toEqual([-4800, -7900, 49790, -99500, -345290, -65500]);
    expect(s.transactions[0]?.date).toBe('2012-11-16');
    expect(s.transactions).toHaveLength(6);
  });

  it('reckon/ing.csv: YYYYMMDD, an unsigned quoted decimal-comma amount signed by Af/Bij', () => {
    const s = read('reckon/ing.csv');
    expect(s.csv?.mapping).toMatchObject({
      date: 0,
      amount: { kind: 'single', column: 6 },
      sign: { column: 5, debitValues: ['Af'] },
      decimalSeparator: ',',
    });
    expect(s.transactions).toHaveLength(3);
    expect(amounts(s)).toEqual([-13613, 37500, -25750]);
    expect(s.transactions[1]?.date).toBe('2012-11-12');
  });

  it('reckon/two_money_columns.csv: M/D/YYYY, signed debit and credit columns, a same-day ± pair', () => {
    const s = read('reckon/two_money_columns.csv');
    expect(s.csv?.mapping).toMatchObject({
      dateOrder: 'mdy',
      amount: { kind: 'debitCredit', debit: 3, credit: 4 },
      balance: 5,
    });
    expect(amounts(s)).toEqual([-7600, 32749, -80000, -8855, 8855]);
    // The reversal pair stays two rows.
    expect(s.transactions.filter((t) => t.date === '2008-03-26')).toHaveLength(2);
    expect(s.transactions[0]?.balanceAfterMinor).toBe(175006);
  });

  it('reckon/inversed_credit_card.csv: charges written positive, read negative with invertSigns', () => {
    const s = read('reckon/inversed_credit_card.csv', { invertSigns: true });
    expect(s.transactions).toHaveLength(16);
    expect(amounts(s)[0]).toBe(-3000);
    expect(amounts(s)[3]).toBe(50000);
    expect(dates(s)[0]).toBe('2013-01-17');
    expect(dates(s).at(-1)).toBe('2013-02-17');
    expect(s.csv?.mapping.date).toBe(0);
    // Without the hint the file's own signs stand.
    expect(amounts(read('reckon/inversed_credit_card.csv'))[0]).toBe(3000);
  });

  it('reckon/input.csv: a PayPal export with a UTF-8 BOM, a header of 41 columns and a quoted comma', () => {
    const s = read('reckon/input.csv');
    expect(s.encoding).toBe('utf-8');
    expect(s.csv?.columns).toHaveLength(41);
    expect(s.csv?.columns[0]).toBe('Date');
    expect(s.csv?.mapping).toMatchObject({ header: true, date: 0, payee: 3, currency: 6 });
    expect(s.transactions).toHaveLength(1);
    expect(s.transactions[0]).toMatchObject({
      date: '2019-12-27',
      payee: 'Humble Bundle, Inc.',
      memo: 'Express Checkout Payment; Purchase',
      amountMinor: -749,
      currency: 'USD',
    });
  });
});
