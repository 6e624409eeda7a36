import { describe, expect, it } from 'vitest';
import { parseCsv } from '../index.ts';
import { bytes, fixture, statementOf } from '../testing/helpers.ts';
import { rankDelimiters } from './parse-csv.ts';

const HIGH: Record<string, number> = { '€': 0x80 };
const cp1252 = (s: string) => new Uint8Array([...s].map((c) => HIGH[c] ?? c.charCodeAt(0)));

describe('parseCsv', () => {
  it('reads a German export: Windows-1252, a preamble, header names, 1.234,56 amounts and a footer', () => {
    const file = cp1252(
      [
        '"Umsätze Girokonto";"DE89 3704 0044 0532 0130 00"',
        '"Zeitraum:";"01.03.2024 - 31.03.2024"',
        '',
        '"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Beguenstigter/Zahlungspflichtiger";"Betrag";"Waehrung"',
        '"01.03.2024";"01.03.2024";"LASTSCHRIFT";"Miete März";"Vermieter GmbH";"-1.250,00";"EUR"',
        '"04.03.2024";"05.03.2024";"GUTSCHRIFT";"Gehalt";"Arbeitgeber AG";"3.456,78";"EUR"',
        '"Kontostand am 31.03.2024";;;;;"2.206,78 €";"EUR"',
        '',
      ].join('\r\n'),
    );
    const s = statementOf(parseCsv(file));
    expect(s.encoding).toBe('windows-1252');
    expect(s.csv?.mapping).toEqual({
      delimiter: ';',
      skipRows: 3,
      header: true,
      date: 0,
      dateOrder: 'dmy',
      amount: { kind: 'single', column: 5 },
      sign: null,
      decimalSeparator: ',',
      payee: 4,
      memo: [2, 3],
      balance: null,
      currency: 6,
      externalId: null,
      checkNumber: null,
      category: null,
      account: null,
    });
    expect(s.csv?.columns[4]).toBe('Beguenstigter/Zahlungspflichtiger');
    expect(
      s.transactions.map((t) => [t.date, t.amountMinor, t.currency, t.payee, t.memo, t.line]),
    ).toEqual([
      ['2024-03-01', -125000, 'EUR', 'Vermieter GmbH', 'LASTSCHRIFT; Miete März', 5],
      ['2024-03-04', 345678, 'EUR', 'Arbeitgeber AG', 'GUTSCHRIFT; Gehalt', 6],
    ]);
    expect(s.errors).toEqual([]);
    expect(s.warnings.map((w) => w.message)).toEqual([
      'Line 7: a row without a transaction date was skipped (Kontostand am 31.03.2024, 2.206,78 €, EUR).',
    ]);
  });

  it("reads ING's own header: Af/Bij signs, the account column, and the currency in the amount's name", () => {
    const csv = [
      '"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","MutatieSoort","Mededelingen"',
      '"20240102","Albert Heijn","NL69INGB0123456789","","BA","Af","12,34","Betaalautomaat","Pasvolgnr: 001"',
      '"20240103","Werkgever BV","NL69INGB0123456789","NL20INGB0001234567","GT","Bij","2.500,00","Online bankieren","Salaris januari"',
      '',
    ].join('\n');
    const s = statementOf(parseCsv(bytes(csv)));
    expect(s.csv?.mapping).toMatchObject({
      date: 0,
      payee: 1,
      account: 2,
      amount: { kind: 'single', column: 6 },
      sign: { column: 5, debitValues: ['Af'] },
      decimalSeparator: ',',
      memo: [7, 8],
    });
    expect(s.accounts).toEqual([
      expect.objectContaining({
        number: 'NL69INGB0123456789',
        iban: 'NL69INGB0123456789',
        currency: 'EUR',
      }),
    ]);
    expect(s.transactions.map((t) => [t.amountMinor, t.currency, t.memo])).toEqual([
      [-1234, 'EUR', 'Betaalautomaat; Pasvolgnr: 001'],
      [250000, 'EUR', 'Online bankieren; Salaris januari'],
    ]);
  });

  it('names the right line after a quoted cell that spans lines, and leaves the bad row out', () => {
    const csv = [
      'Date,Payee,Memo,Amount',
      '2024-01-01,Shop,"first line',
      'second line",-1.00',
      '2024-01-02,Shop,,oops',
      '2024-01-03,Shop,,-3.00',
    ].join('\n');
    const s = statementOf(parseCsv(bytes(csv), { currency: 'USD' }));
    expect(s.transactions.map((t) => [t.line, t.memo])).toEqual([
      [2, 'first line\nsecond line'],
      [5, null],
    ]);
    expect(s.errors).toEqual([
      {
        line: 4,
        element: 'row 3',
        message: 'Line 4: the row was left out: column 4: "oops" is not an amount.',
      },
    ]);
  });

  it('gives each account of a multi-account export its own index', () => {
    const csv = [
      'Account,Date,Description,Amount',
      'Checking 1234,2024-02-01,Coffee,-3.50',
      'Savings 9876,2024-02-01,Interest,0.42',
      'Checking 1234,2024-02-02,Lunch,-11.00',
    ].join('\n');
    const s = statementOf(parseCsv(bytes(csv), { currency: 'USD' }));
    expect(s.accounts.map((a) => a.number)).toEqual(['Checking 1234', 'Savings 9876']);
    expect(s.transactions.map((t) => t.account)).toEqual([0, 1, 0]);
  });

  it('reads paid-out and paid-in columns by name, with a running balance that gives the closing balance', () => {
    const csv = [
      'Date,Transaction type,Description,Paid out,Paid in,Balance',
      '01 Mar 2024,DEB,Grocer,£1,234.56,,"£8,765.44"',
      '02 Mar 2024,CR,Salary,,"£2,000.00","£10,765.44"',
    ]
      .join('\n')
      .replace('£1,234.56', '"£1,234.56"');
    const s = statementOf(parseCsv(bytes(csv)));
    expect(s.csv?.mapping).toMatchObject({
      amount: { kind: 'debitCredit', debit: 3, credit: 4 },
      balance: 5,
      payee: 2,
      memo: [1],
    });
    expect(s.transactions.map((t) => [t.amountMinor, t.currency, t.balanceAfterMinor])).toEqual([
      [-123456, 'GBP', 876544],
      [200000, 'GBP', 1076544],
    ]);
    expect(s.balances).toEqual([
      {
        account: 0,
        kind: 'closing',
        code: 'running balance',
        date: '2024-03-02',
        amountMinor: 1076544,
        currency: 'GBP',
      },
    ]);
  });

  it('reads the file the same way when its detected mapping is given back, for every CSV fixture', () => {
    for (const name of [
      'chase.csv',
      'nationwide.csv',
      'french_example.csv',
      'danish_kroner_nordea_example.csv',
      'ing.csv',
      'two_money_columns.csv',
      'inversed_credit_card.csv',
      'input.csv',
    ]) {
      const file = fixture(`reckon/${name}`);
      const detected = statementOf(parseCsv(file));
      const again = statementOf(parseCsv(file, { csvMapping: detected.csv?.mapping }));
      expect(again.transactions, name).toEqual(detected.transactions);
      expect(again.csv, name).toEqual(detected.csv);
    }
  });

  it('a corrected mapping reads the file differently: the person has the last word', () => {
    const file = fixture('reckon/nationwide.csv');
    const detected = statementOf(parseCsv(file)).csv?.mapping;
    if (!detected) throw new Error('no mapping');
    const swapped = statementOf(
      parseCsv(file, {
        csvMapping: {
          ...detected,
          amount: { kind: 'debitCredit', debit: 4, credit: 3 },
          payee: 2,
          memo: [1],
        },
      }),
    );
    expect(swapped.transactions.map((t) => t.amountMinor)).toEqual([-50000, 2000, 1977, 10000]);
    expect(swapped.transactions[2]?.payee).toBe('Supermarket');
  });
});

describe('rankDelimiters', () => {
  it('ranks the delimiter that splits rows most consistently first', () => {
    expect(rankDelimiters('a;b;c\n1;2,5;3\n4;5,5;6\n')[0]).toBe(';');
    expect(rankDelimiters('a,b,c\n1,"2;5",3\n')[0]).toBe(',');
    expect(rankDelimiters('a\tb\n1\t2\n')[0]).toBe('\t');
    expect(rankDelimiters('just words\n')).toEqual([]);
  });
});

describe('limits', () => {
  it('refuses a line longer than 64 KB, and a table of thousands of columns, without building them', () => {
    const long = bytes(`Date,Payee,Amount\n2024-01-01,${'x,'.repeat(40_000)}-1.00\n`);
    const failure = parseCsv(long);
    expect(failure.ok).toBe(false);
    if (!failure.ok) {
      expect(failure.error).toEqual({
        code: 'malformed',
        message: 'Line 2 is longer than 65,536 characters, which no bank statement row is.',
        line: 2,
      });
    }
    const wide = bytes(
      `${Array.from({ length: 300 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(299)}1\n`,
    );
    const refused = parseCsv(wide);
    expect(refused.ok ? null : refused.error.message).toBe(
      'The rows have 300 columns; a bank statement has far fewer, so this is not one Outlay can read.',
    );
  });
});
