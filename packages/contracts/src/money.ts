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
