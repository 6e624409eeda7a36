import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFormatters } from './format.ts';
import { currencyDigits } from '@outlay/contracts';
import { amountInputValue, parseAmount } from './money.ts';

describe('parseAmount', () => {
  const usd = (text: string) => parseAmount(text, 'USD', 'en-US');

  it('turns what a person types into exact cents', () => {
    expect(usd('12')).toEqual({ ok: true, minor: 1200 });
    expect(usd('12.5')).toEqual({ ok: true, minor: 1250 });
    expect(usd('12.50')).toEqual({ ok: true, minor: 1250 });
    expect(usd('0.07')).toEqual({ ok: true, minor: 7 });
    expect(usd('.5')).toEqual({ ok: true, minor: 50 });
    expect(usd('12.')).toEqual({ ok: true, minor: 1200 });
    expect(usd('$1,234.56')).toEqual({ ok: true, minor: 123456 });
    expect(usd(' 1 234.56 USD ')).toEqual({ ok: true, minor: 123456 });
    expect(usd('0')).toEqual({ ok: true, minor: 0 });
    expect(usd('007.10')).toEqual({ ok: true, minor: 710 });
  });

  it('has none of the binary-fraction errors of multiplying by 100', () => {
    // 0.29 * 100 = 28.999999999999996 and 1.005 * 100 = 100.49999999999999 in floating point.
    expect(usd('0.29')).toEqual({ ok: true, minor: 29 });
    expect(usd('4.35')).toEqual({ ok: true, minor: 435 });
    expect(usd('1.10')).toEqual({ ok: true, minor: 110 });
    expect(usd('90071992547409.91')).toEqual({ ok: true, minor: Number.MAX_SAFE_INTEGER });
  });

  it('explains what is wrong instead of guessing', () => {
    expect(usd('')).toMatchObject({ ok: false, error: 'Enter an amount' });
    expect(usd('-5')).toMatchObject({ ok: false });
    expect(usd('1.234')).toMatchObject({ ok: false, error: 'Use at most 2 decimal places' });
    expect(usd('12a')).toMatchObject({ ok: false });
    expect(usd('twelve')).toMatchObject({ ok: false });
    expect(usd('1e5')).toMatchObject({ ok: false });
    expect(usd('1.2.3')).toMatchObject({ ok: false });
    expect(usd('.')).toMatchObject({ ok: false });
    expect(usd('99999999999999999')).toMatchObject({
      ok: false,
      error: 'That amount is too large',
    });
  });

  it('follows the locale’s separators and the currency’s minor digits', () => {
    expect(parseAmount('1.234,56', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 123456 });
    expect(parseAmount('12,5 €', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('1\u202f234,5', 'EUR', 'fr-FR')).toEqual({ ok: true, minor: 123450 });
    expect(parseAmount('1500', 'JPY', 'ja-JP')).toEqual({ ok: true, minor: 1500 });
    expect(parseAmount('15.5', 'JPY', 'ja-JP')).toMatchObject({
      ok: false,
      error: 'Enter a whole amount',
    });
    expect(parseAmount('1.234', 'KWD', 'en-US')).toEqual({ ok: true, minor: 1234 });
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
  });

  it('reads back every amount the field shows (property)', () => {
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
  });

  it('reads back every formatted amount, grouping and symbol included (property)', () => {
    const format = createFormatters('en-US', 'USD');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (minor) => {
        expect(parseAmount(format.money(minor), 'USD', 'en-US')).toEqual({ ok: true, minor });
      }),
    );
  });
});

describe('formatters', () => {
  const format = createFormatters('en-US', 'USD');

  it('formats money exactly, with the currency and the locale', () => {
    expect(format.money(123456)).toBe('$1,234.56');
    expect(format.money(-5)).toBe('-$0.05');
    expect(format.money(0)).toBe('$0.00');
    expect(format.money(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
    expect(createFormatters('de-DE', 'EUR').money(123456)).toBe('1.234,56\u00a0€');
    expect(createFormatters('en-US', 'JPY').money(1500)).toBe('¥1,500');
    expect(format.moneyShort(123456)).toBe('$1.2K');
  });

  it('formats calendar dates without shifting them by a time zone', () => {
    expect(format.date('2025-03-01')).toBe('Mar 1, 2025');
    expect(format.date('2024-12-31')).toBe('Dec 31, 2024');
    expect(format.month('2025-03-01')).toBe('Mar 2025');
    // Intl puts thin spaces around the dash.
    expect(format.range('2025-03-01', '2025-03-31')).toMatch(/^Mar 1\s–\s31, 2025$/u);
    expect(format.range('2025-03-01', '2025-03-01')).toBe('Mar 1, 2025');
    expect(format.percent(0.1234)).toBe('12.3%');
    expect(format.percent(0.05)).toBe('5.0%');
  });

  it('writes every amount with the currency’s fraction digits, shortening only from a thousand', () => {
    expect(format.moneyShort(78_260)).toBe('$782.60');
    expect(format.moneyShort(-5)).toBe('-$0.05');
    expect(createFormatters('en-US', 'JPY').moneyShort(782)).toBe('¥782');
    expect(createFormatters('en-US', 'KWD').moneyShort(1_500)).toBe('KWD\u00a01.500');
  });

  it('labels an axis alike: whole ticks without cents, otherwise every tick with them', () => {
    expect(format.axisMoney([0, 50_000, 100_000, 150_000])).toEqual(['$0', '$500', '$1K', '$1.5K']);
    expect(format.axisMoney([0, 250, 500])).toEqual(['$0.00', '$2.50', '$5.00']);
  });

  it('gives every percentage one decimal', () => {
    expect(format.percent(0.06)).toBe('6.0%');
    expect(format.percent(0.2524)).toBe('25.2%');
    expect(format.percent(1)).toBe('100.0%');
    expect(format.percent(0)).toBe('0.0%');
  });

  it('agrees counts with their nouns', () => {
    expect(format.countOf(1, 'day')).toBe('1 day');
    expect(format.countOf(0, 'day')).toBe('0 days');
    expect(format.countOf(1_204, 'transaction')).toBe('1,204 transactions');
    expect(format.countOf(1, 'category', 'categories')).toBe('1 category');
    expect(format.countOf(3, 'category', 'categories')).toBe('3 categories');
  });
});
