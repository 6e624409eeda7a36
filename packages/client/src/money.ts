/**
 * Money crosses the wire as integer minor units (cents). Here it becomes text and back without
 * ever passing through a binary fraction: formatting hands Intl an exact decimal string, and
 * parsing what a person typed works on the digits.
 */

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (ISO 4217): 2 for USD, 0 for JPY, 3 for KWD. */
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

/**
 * An amount for people: `formatMoney(123456, 'USD', 'en-US')` → "$1,234.56", with the currency's
 * own number of decimals (¥1,500; 1.234 KWD). Without a locale, the runtime's default.
 */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const text = minorToDecimal(minor, currencyDigits(currency));
  // An exact decimal string: Intl formats it digit for digit, no float rounding on the way.
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(text as `${number}`);
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

/**
 * Minor units as an amount field shows them, for editing: `amountInputValue(123450, 'USD',
 * 'en-US')` → "1234.50", in German "1234,50" — the currency's decimals, the locale's decimal
 * separator, no grouping or symbol. `parseAmount` reads it back exactly. Negative amounts keep
 * their minus sign.
 */
export function amountInputValue(minor: number, currency: string, locale: string): string {
  const text = minorToDecimal(minor, currencyDigits(currency));
  const { decimal } = separators(locale);
  return decimal === '.' ? text : text.replace('.', decimal);
}
