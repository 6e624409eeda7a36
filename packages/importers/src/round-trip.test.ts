/**
 * Properties of every parser: statements written in a format (in the dialects banks use) and read
 * back give the same transactions; random bytes and truncated files give a result, never an
 * exception, and every result satisfies the contract's schema. Input sizes are bounded by the
 * generators, so no run can take long.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyDigits, StatementParseResult, type ParseHints } from '@outlay/contracts';
import { parseCamt, parseCsv, parseOfx, parseQif, parseStatement } from './index.ts';
import { bytes, statementOf } from './testing/helpers.ts';
import {
  camtDialectArb,
  csvDialectArb,
  ofxDialectArb,
  qifDialectArb,
  statementArb,
  writeCamt,
  writeCsv,
  writeOfx,
  writeQif,
  type GenStatement,
} from './testing/writers.ts';

type Compared = {
  date: string;
  amountMinor: number;
  payee: string | null;
  memo?: string | null;
  externalId?: string | null;
};

function expected(s: GenStatement, fields: { memo: boolean; externalId: boolean }): Compared[] {
  return s.transactions.map((t) => ({
    date: t.date,
    amountMinor: t.amountMinor,
    payee: t.payee,
    ...(fields.memo ? { memo: t.memo } : {}),
    ...(fields.externalId ? { externalId: t.externalId } : {}),
  }));
}

function actual(
  result: StatementParseResult,
  fields: { memo: boolean; externalId: boolean },
): Compared[] {
  return statementOf(result).transactions.map((t) => ({
    date: t.date,
    amountMinor: t.amountMinor,
    payee: t.payee,
    ...(fields.memo ? { memo: t.memo } : {}),
    ...(fields.externalId ? { externalId: t.externalId } : {}),
  }));
}

const day = (date: string) => Number(date.slice(8, 10));
const month = (date: string) => Number(date.slice(5, 7));

describe('round trips', () => {
  it('CSV in many dialects reads back the same transactions, through detection alone', () => {
    fc.assert(
      fc.property(statementArb, csvDialectArb, (s, dialect) => {
        const d = { ...dialect };
        // Zero-decimal amounts carry no decimal mark: only a header tells them from other numbers.
        if (currencyDigits(s.currency) === 0) d.header = true;
        // A three-decimal amount like 1,234 is ambiguous with a decimal comma.
        if (currencyDigits(s.currency) === 3) d.decimal = '.';
        if (d.decimal === ',' && d.group === false && d.delimiter === ',') d.delimiter = ';';
        if (!d.header && d.amounts === 'debitCredit') {
          fc.pre(
            s.transactions.some((t) => t.amountMinor < 0) &&
              s.transactions.some((t) => t.amountMinor > 0),
          );
        }
        const hints: ParseHints = { currency: s.currency };
        // Only where nothing in the file can settle day-first against month-first.
        const settled =
          d.date === 'dmy'
            ? s.transactions.some((t) => day(t.date) > 12)
            : d.date === 'mdy'
              ? s.transactions.some((t) => day(t.date) > 12)
              : true;
        if (!settled) hints.dateOrder = d.date === 'dmy' ? 'dmy' : 'mdy';
        const text = writeCsv(s, d);
        const result = parseCsv(bytes(text), hints);
        const fields = { memo: d.memo, externalId: d.header };
        expect(actual(result, fields)).toEqual(expected(s, fields));
        // The detected mapping, given back as a hint, reads the file the same way.
        const mapping = statementOf(result).csv?.mapping;
        expect(actual(parseCsv(bytes(text), { ...hints, csvMapping: mapping }), fields)).toEqual(
          expected(s, fields),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('OFX, SGML and XML, reads back the same transactions', () => {
    fc.assert(
      fc.property(statementArb, ofxDialectArb, (s, d) => {
        const result = parseStatement(bytes(writeOfx(s, d)));
        const fields = { memo: true, externalId: true };
        expect(actual(result, fields)).toEqual(expected(s, fields));
        const statement = statementOf(result);
        expect(statement.format).toBe('ofx');
        expect(statement.accounts[0]?.type).toBe(d.card ? 'creditCard' : 'checking');
        expect(statement.transactions.every((t) => t.currency === s.currency)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('QIF reads back the same transactions', () => {
    fc.assert(
      fc.property(statementArb, qifDialectArb, (s, d) => {
        const result = parseStatement(bytes(writeQif(s, d)), { currency: s.currency });
        const fields = { memo: true, externalId: false };
        expect(actual(result, fields)).toEqual(expected(s, fields));
        expect(statementOf(result).accounts).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('CAMT.053 (.02 and .08, with and without a namespace prefix) reads back the same transactions', () => {
    fc.assert(
      fc.property(statementArb, camtDialectArb, (s, d) => {
        const result = parseStatement(bytes(writeCamt(s, d)));
        const fields = { memo: true, externalId: true };
        expect(actual(result, fields)).toEqual(expected(s, fields));
        expect(statementOf(result).formatVersion).toBe(`camt.053.001.${d.version}`);
      }),
      { numRuns: 200 },
    );
  });

  it('month-first and day-first CSV dates are told apart by scanning every row', () => {
    fc.assert(
      fc.property(statementArb, fc.constantFrom('dmy' as const, 'mdy' as const), (s, order) => {
        fc.pre(s.transactions.some((t) => day(t.date) > 12 && month(t.date) !== day(t.date)));
        const d = {
          delimiter: ',' as const,
          decimal: '.' as const,
          group: false,
          header: true,
          date: order,
          amounts: 'signed' as const,
          memo: false,
          bom: false,
          crlf: false,
        };
        const result = parseCsv(bytes(writeCsv(s, d)), { currency: s.currency });
        expect(statementOf(result).csv?.mapping.dateOrder).toBe(order);
      }),
      { numRuns: 100 },
    );
  });
});

/** Any result at all, provided it is one the contract allows. */
function settles(result: StatementParseResult): void {
  expect(StatementParseResult.safeParse(result).success).toBe(true);
}

describe('hostile input', () => {
  const parsers = [parseStatement, parseCsv, parseOfx, parseQif, parseCamt];

  it('random bytes never throw, with every parser', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4000 }),
        fc.constantFrom(...parsers),
        (input, parse) => {
          settles(parse(input));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('random text never throws, with every parser', () => {
    const alphabet = fc.constantFrom(
      ...'<>/!&;:,."\'\n\r\t ^[]=-+0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZTDPMLS$'.split(''),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 3000 }),
        fc.constantFrom(...parsers),
        (input, parse) => {
          settles(parse(bytes(input)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('truncated files of every format never throw', () => {
    const written = fc.oneof(
      fc.tuple(statementArb, csvDialectArb).map(([s, d]) => writeCsv(s, d)),
      fc.tuple(statementArb, ofxDialectArb).map(([s, d]) => writeOfx(s, d)),
      fc.tuple(statementArb, qifDialectArb).map(([s, d]) => writeQif(s, d)),
      fc.tuple(statementArb, camtDialectArb).map(([s, d]) => writeCamt(s, d)),
    );
    fc.assert(
      fc.property(written, fc.double({ min: 0, max: 1, noNaN: true }), (text, at) => {
        const input = bytes(text);
        const cut = input.subarray(0, Math.floor(input.length * at));
        settles(parseStatement(cut));
      }),
      { numRuns: 400 },
    );
  });

  it('files with a few bytes changed never throw', () => {
    const written = fc.oneof(
      fc.tuple(statementArb, ofxDialectArb).map(([s, d]) => writeOfx(s, d)),
      fc.tuple(statementArb, camtDialectArb).map(([s, d]) => writeCamt(s, d)),
      fc.tuple(statementArb, csvDialectArb).map(([s, d]) => writeCsv(s, d)),
      fc.tuple(statementArb, qifDialectArb).map(([s, d]) => writeQif(s, d)),
    );
    fc.assert(
      fc.property(
        written,
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (text, edits) => {
          const input = bytes(text).slice();
          for (const [where, value] of edits) input[Math.floor(where * (input.length - 1))] = value;
          settles(parseStatement(input));
        },
      ),
      { numRuns: 400 },
    );
  });
});
