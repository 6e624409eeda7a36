/**
 * Money crosses the wire as integer minor units (cents). Here it becomes text and back without
 * ever passing through a binary fraction: formatting hands Intl an exact decimal string, and
 * parsing what a person typed works on the digits.
 */

import { currencyDigits, minorToDecimal } from '@outlay/contracts';

/** The same amount as a number of major units, for chart scales only (never for display). */
export function minorToMajor(minor: number, digits: number): number {
  return minor / 10 ** digits;
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; error: string };

interface Separators {
  decimal: string;
  group: string;
}

function separators(locale: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/**
 * Parses an amount a person typed ("1,234.56", "$12", "12.5", "1.234,5" in German) into minor
 * units of `currency`, exactly. Only non-negative amounts: filter bounds are absolute values.
 */
export function parseAmount(input: string, currency: string, locale: string): ParsedAmount {
  const digits = currencyDigits(currency);
  const { decimal, group } = separators(locale);
  // Drop spaces (incl. the narrow no-break spaces some locales group with), currency signs and codes.
  let text = input
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/\p{Sc}/gu, '')
    .replace(/^[A-Za-z]{3}|[A-Za-z]{3}$/g, '');
  if (text === '') return { ok: false, error: 'Enter an amount' };
  if (text.includes('-')) return { ok: false, error: 'Enter an amount of zero or more' };
  // Group separators go; the locale's decimal separator becomes a dot. In a locale whose decimal
  // is a dot, commas are groups; in a comma-decimal locale, dots are groups.
  const groupChars = new Set([group, "'", '’', decimal === '.' ? ',' : '.']);
  text = [...text].filter((c) => !groupChars.has(c) || c === decimal).join('');
  if (decimal !== '.') text = text.replace(decimal, '.');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, error: 'Enter a number, like 25 or 19.99' };
  }
  const whole = match[1] || '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? 'Enter a whole amount' : `Use at most ${digits} decimal places`,
    };
  }
  const minorText = (whole + fraction.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  const minor = Number(minorText);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: 'That amount is too large' };
  return { ok: true, minor };
}

/** Minor units back to what the amount field shows: "1234.5" → "1234.50" (no grouping, locale decimal). */
export function amountInputValue(minor: number, currency: string, locale: string): string {
  const text = minorToDecimal(minor, currencyDigits(currency));
  const { decimal } = separators(locale);
  return decimal === '.' ? text : text.replace('.', decimal);
}
