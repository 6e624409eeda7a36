import { amountInputValue } from '@outlay/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSignedAmount } from './signed-amount.ts';

describe('a typed amount that may be negative', () => {
  it('reads the sign, then the digits as parseAmount does', () => {
    expect(parseSignedAmount('1,234.56', 'USD', 'en-US')).toEqual({ ok: true, minor: 123456 });
    expect(parseSignedAmount('-1,234.56', 'USD', 'en-US')).toEqual({ ok: true, minor: -123456 });
    expect(parseSignedAmount(' \u2212 $25 ', 'USD', 'en-US')).toEqual({ ok: true, minor: -2500 });
    expect(parseSignedAmount('(19.99)', 'USD', 'en-US')).toEqual({ ok: true, minor: -1999 });
    expect(parseSignedAmount('-1.234,5', 'EUR', 'de-DE')).toEqual({ ok: true, minor: -123450 });
    expect(parseSignedAmount('-0', 'USD', 'en-US')).toEqual({ ok: true, minor: 0 });
    expect(parseSignedAmount('-1500', 'JPY', 'en-US')).toEqual({ ok: true, minor: -1500 });
  });

  it('refuses what parseAmount refuses, and a second sign', () => {
    expect(parseSignedAmount('--5', 'USD', 'en-US').ok).toBe(false);
    expect(parseSignedAmount('-(5)', 'USD', 'en-US').ok).toBe(false);
    expect(parseSignedAmount('-', 'USD', 'en-US').ok).toBe(false);
    expect(parseSignedAmount('1.234', 'USD', 'en-US').ok).toBe(false);
    expect(parseSignedAmount('abc', 'USD', 'en-US').ok).toBe(false);
  });

  it('reads back what amountInputValue writes, either sign (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        fc.constantFrom(['USD', 'en-US'], ['EUR', 'de-DE'], ['JPY', 'ja-JP'], ['KWD', 'en-US']),
        (minor, [currency, locale]) => {
          const text = amountInputValue(minor, currency, locale);
          expect(parseSignedAmount(text, currency, locale)).toEqual({ ok: true, minor });
        },
      ),
    );
  });
});
