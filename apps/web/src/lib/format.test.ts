import { parseAmount } from '@outlay/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFormatters } from './format.ts';

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

  it('reads back every formatted amount, grouping and symbol included (property)', () => {
    const format = createFormatters('en-US', 'USD');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (minor) => {
        expect(parseAmount(format.money(minor), 'USD', 'en-US')).toEqual({ ok: true, minor });
      }),
    );
  });
});
