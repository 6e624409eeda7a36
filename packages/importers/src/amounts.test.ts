import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyDigits } from '@outlay/contracts';
import {
  detectDecimalSeparator,
  parseMinorUnits,
  plainMinorUnits,
  readAmount,
  readPlainNumber,
  toMinorUnits,
} from './amounts.ts';
import { decimalText } from './testing/writers.ts';

const eur = (text: string, decimal: '.' | ',' = '.') => parseMinorUnits(text, decimal, 'EUR');

describe('readAmount and parseMinorUnits', () => {
  it('reads signs, symbols, codes, grouping and both decimal marks', () => {
    const cases: [string, '.' | ',', number][] = [
      ['-6.60', '.', -660],
      ['6.6', '.', 660],
      ['+$327.49', '.', 32749],
      ['-$76.00', '.', -7600],
      ['$-76.00', '.', -7600],
      ['"$1,750.06"'.slice(1, -1), '.', 175006],
      ['£500.00', '.', 50000],
      ['1.234,56 €', ',', 123456],
      ['EUR -12,00', ',', -1200],
      ['12,00 kr', ',', 1200],
      ['-3452,90', ',', -345290],
      ['1 234,50', ',', 123450],
      ['1\u202f234,50', ',', 123450],
      ["1'234.50", '.', 123450],
      ['(12.00)', '.', -1200],
      ['12.00-', '.', -1200],
      ['12.00 DR', '.', -1200],
      ['12.00CR', '.', 1200],
      ['−7.5', '.', -750],
      ['.5', '.', 50],
      ['0', '.', 0],
      ['USD 1,234.00-', '.', -123400],
    ];
    for (const [text, decimal, minor] of cases) {
      expect(eur(text, decimal), text).toEqual({ ok: true, minor });
    }
  });

  it('refuses what is not an amount, including words that are not currencies', () => {
    for (const text of ['', 'abc', 'T1', 'Shop 12.00', '12.00.00', '1,23,4.00', '--5', '12 34']) {
      expect(readAmount(text, '.').ok, text).toBe(false);
    }
    expect(readAmount('$120', '.').ok).toBe(true);
  });

  it('keeps exact extra zeros and rejects other extra decimals instead of rounding', () => {
    expect(eur('8.850')).toEqual({ ok: true, minor: 885 });
    expect(eur('18.150')).toEqual({ ok: true, minor: 1815 });
    expect(eur('8.855')).toEqual({
      ok: false,
      reason:
        'the amount 8.855 has more decimal places than EUR has 2 decimal places, and Outlay does not round amounts',
    });
    expect(parseMinorUnits('1500', '.', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(parseMinorUnits('1500.5', '.', 'JPY')).toEqual({
      ok: false,
      reason:
        'the amount 1500.5 has more decimal places than JPY has no minor unit, and Outlay does not round amounts',
    });
    expect(parseMinorUnits('1.234', '.', 'KWD')).toEqual({ ok: true, minor: 1234 });
    expect(parseMinorUnits('12.34', '.', null)).toEqual({ ok: true, minor: 1234 });
  });

  it('refuses amounts beyond the safe-integer range', () => {
    expect(eur('90071992547409.91')).toEqual({ ok: true, minor: Number.MAX_SAFE_INTEGER });
    expect(eur('90071992547409.92')).toEqual({ ok: false, reason: 'the amount is too large' });
    expect(eur('9'.repeat(40))).toEqual({ ok: false, reason: 'the amount is too large' });
  });

  it('reads back every amount written in each style (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        fc.constantFrom('.' as const, ',' as const),
        fc.boolean(),
        (minor, currency, decimal, group) => {
          const text = decimalText(minor, currency, { decimal, group });
          expect(parseMinorUnits(text, decimal, currency)).toEqual({ ok: true, minor });
        },
      ),
    );
  });

  it('never gives minus zero', () => {
    expect(
      Object.is(toMinorUnits({ negative: true, whole: '0', fraction: '00' }, 2, 'EUR'), -0),
    ).toBe(false);
    const r = eur('-0.00');
    expect(r.ok && Object.is(r.minor, -0)).toBe(false);
  });
});

describe('detectDecimalSeparator', () => {
  it('counts the values that settle it', () => {
    expect(detectDecimalSeparator(['-48,00', '26550,33', '1.234,56'])).toBe(',');
    expect(detectDecimalSeparator(['-6.60', '$1,750.06'])).toBe('.');
    expect(detectDecimalSeparator(['abc', '12'])).toBeNull();
  });

  it('reads a lone separator before three digits as grouping, unless the currency has three decimals', () => {
    expect(detectDecimalSeparator(['1.000', '25.000'], 0)).toBe(',');
    expect(detectDecimalSeparator(['1,000'], 2)).toBe('.');
    expect(detectDecimalSeparator(['1.000'], 3)).toBeNull();
    // A value that settles it outright beats any number of those.
    expect(detectDecimalSeparator(['1,000', '2,000', '3,000', '12,5'])).toBe(',');
  });

  it('finds the mark of any amount column written in either style (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('.' as const, ',' as const),
        fc.boolean(),
        (values, decimal, group) => {
          const texts = values.map((v) => decimalText(v, 'EUR', { decimal, group }));
          expect(detectDecimalSeparator(texts, currencyDigits('EUR'))).toBe(decimal);
        },
      ),
    );
  });
});

describe('readPlainNumber', () => {
  it('reads OFX and CAMT numbers, with a decimal comma too, and refuses symbols', () => {
    const read = (t: string) => {
      const r = readPlainNumber(t);
      return r.ok ? toMinorUnits(r.amount, 2, 'EUR') : r;
    };
    expect(read('-6.60')).toEqual({ ok: true, minor: -660 });
    expect(read('12,34')).toEqual({ ok: true, minor: 1234 });
    expect(read('+.5')).toEqual({ ok: true, minor: 50 });
    expect(read('111')).toEqual({ ok: true, minor: 11100 });
    expect(read('1.234,50')).toEqual({ ok: true, minor: 123450 });
    expect(read('1,234.50')).toEqual({ ok: true, minor: 123450 });
    for (const bad of ['$120', '', '-', '1.2.3', '1,2,3', '12 00', '1e5', 'abc']) {
      expect(readPlainNumber(bad).ok, bad).toBe(false);
    }
    expect(readPlainNumber('$120')).toEqual({ ok: false, reason: '"$120" is not a number' });
  });
});

describe('plainMinorUnits', () => {
  it('agrees with the general reader wherever it answers, and leaves the rest to it (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e15, max: 1e15 }).map((n) => String(n / 100)),
          fc.string({ unit: fc.constantFrom(...'0123456789.,+- $'.split('')), maxLength: 22 }),
        ),
        fc.constantFrom('.' as const, ',' as const),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        (text, decimal, currency) => {
          const fast = plainMinorUnits(text, decimal, currencyDigits(currency));
          if (fast === null) return;
          // The general path: read, then scale.
          const read = readAmount(text, decimal);
          expect(read.ok).toBe(true);
          if (read.ok) {
            expect(toMinorUnits(read.amount, currencyDigits(currency), currency)).toEqual({
              ok: true,
              minor: fast,
            });
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(plainMinorUnits('-12.5', '.', 2)).toBe(-1250);
    expect(plainMinorUnits('8.850', '.', 2)).toBe(885);
    expect(plainMinorUnits('8.855', '.', 2)).toBeNull();
    expect(plainMinorUnits('1,234.00', '.', 2)).toBeNull();
    expect(plainMinorUnits('-0.00', '.', 2)).toBe(0);
  });
});
