import { z } from 'zod';

/**
 * Money is an integer number of minor units (cents). Negative = money out, positive = money in.
 * Bounded to the safe-integer range so it survives JSON and JavaScript arithmetic exactly.
 */
export const MinorUnits = z
  .number()
  .int()
  .min(Number.MIN_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);
export type MinorUnits = z.infer<typeof MinorUnits>;

/** ISO 4217 alphabetic code. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Expected a three-letter ISO 4217 currency code');
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/** Divides minor units and rounds half away from zero to a whole minor unit (0 when dividing by 0). */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator === 0) return 0;
  const quotient = Math.abs(numerator) / Math.abs(denominator);
  const sign = Math.sign(numerator) * Math.sign(denominator);
  return sign * Math.round(quotient) || 0;
}

const digitsCache = new Map<string, number>();

/**
 * How many minor-unit digits an ISO 4217 currency has (2 for EUR, 0 for JPY, 3 for KWD), as the
 * platform's `Intl` data says. Throws a RangeError for a string that is no currency code.
 */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** 12345 with 2 digits → "123.45"; -5 → "-0.05"; exact for every safe integer. */
export function minorToDecimal(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`Not a whole number of minor units: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor));
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
