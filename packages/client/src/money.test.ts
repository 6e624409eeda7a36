import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountInputValue,
  currencyDigits,
  formatMoney,
  minorToDecimal,
  parseAmount,
} from './money.ts';

describe('minorToDecimal', () => {
  it('writes minor units as an exact decimal', () => {
    expect(minorToDecimal(12345, 2)).toBe('123.45');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(-120000, 2)).toBe('-1200.00');
    expect(minorToDecimal(1234, 0)).toBe('1234');
    expect(minorToDecimal(1234, 3)).toBe('1.234');
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
  });

  it('refuses anything that is not a whole number of minor units', () => {
    expect(() => minorToDecimal(1.5, 2)).toThrow(RangeError);
    expect(() => minorToDecimal(Number.MAX_SAFE_INTEGER + 2, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats exactly, with the currency’s own decimals and the locale', () => {
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(-5, 'USD', 'en-US')).toBe('-$0.05');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(1234, 'KWD', 'en-US')).toBe('KWD\u00a01.234');
  });

  it('knows each currency’s minor digits', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });
});

describe('parseAmount', () => {
  const usd = (text: string) => parseAmount(text, 'USD', 'en-US');

  it('turns what a person types into exact cents', () => {
    expect(usd('12')).toEqual({ ok: true, minor: 1200 });
    expect(usd('12.5')).toEqual({ ok: true, minor: 1250 });
    expect(usd('0.07')).toEqual({ ok: true, minor: 7 });
    expect(usd('.5')).toEqual({ ok: true, minor: 50 });
    expect(usd('$1,234.56')).toEqual({ ok: true, minor: 123456 });
    expect(usd(' 1 234.56 USD ')).toEqual({ ok: true, minor: 123456 });
    expect(usd('007.10')).toEqual({ ok: true, minor: 710 });
  });

  it('has none of the binary-fraction errors of multiplying by 100', () => {
    // 0.29 * 100 = 28.999999999999996 in floating point.
    expect(usd('0.29')).toEqual({ ok: true, minor: 29 });
    expect(usd('4.35')).toEqual({ ok: true, minor: 435 });
    expect(usd('90071992547409.91')).toEqual({ ok: true, minor: Number.MAX_SAFE_INTEGER });
  });

  it('explains what is wrong instead of guessing', () => {
    expect(usd('')).toMatchObject({ ok: false, error: 'Enter an amount' });
    expect(usd('-5')).toMatchObject({ ok: false, error: 'Enter an amount of zero or more' });
    expect(usd('1.234')).toMatchObject({ ok: false, error: 'Use at most 2 decimal places' });
    expect(usd('twelve')).toMatchObject({ ok: false });
    expect(usd('1e5')).toMatchObject({ ok: false });
    expect(usd('1.2.3')).toMatchObject({ ok: false });
    expect(usd('99999999999999999')).toMatchObject({
      ok: false,
      error: 'That amount is too large',
    });
  });

  it('follows the locale’s separators and the currency’s minor digits', () => {
    expect(parseAmount('1.234,56', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmount('1\u202f234,5', 'EUR', 'fr-FR')).toEqual({ ok: true, minor: 123450 });
    expect(parseAmount('15.5', 'JPY', 'ja-JP')).toMatchObject({
      ok: false,
      error: 'Enter a whole amount',
    });
    expect(parseAmount('1.234', 'KWD', 'en-US')).toEqual({ ok: true, minor: 1234 });
  });

  it('reads back every amount it formats, grouping and symbol included (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(
          ['USD', 'en-US'],
          ['EUR', 'de-DE'],
          ['JPY', 'ja-JP'],
          ['EUR', 'fr-FR'],
          ['KWD', 'en-US'],
        ),
        (minor, [currency, locale]) => {
          const text = formatMoney(minor, currency, locale);
          expect(parseAmount(text, currency, locale)).toEqual({ ok: true, minor });
        },
      ),
    );
  });

  it('reads back every amount an amount field shows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(
          ['USD', 'en-US'],
          ['EUR', 'de-DE'],
          ['JPY', 'ja-JP'],
          ['EUR', 'fr-FR'],
          ['KWD', 'en-US'],
        ),
        (minor, [currency, locale]) => {
          const text = amountInputValue(minor, currency, locale);
          expect(parseAmount(text, currency, locale)).toEqual({ ok: true, minor });
        },
      ),
    );
    expect(amountInputValue(123450, 'EUR', 'de-DE')).toBe('1234,50');
    expect(amountInputValue(-5, 'USD', 'en-US')).toBe('-0.05');
  });
});
