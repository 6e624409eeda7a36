/**
 * Amounts as banks write them → exact integer minor units. Nothing passes through a binary
 * fraction: the digits are kept as text and scaled with BigInt.
 *
 * Read: a sign before or after the number (`-12.00`, `12.00-`, `−12`), parentheses for negatives,
 * `CR`/`DR` suffixes, currency symbols and codes of up to three letters on either side (`-$76.00`,
 * `£500.00`, `EUR 12,00`, `12,00 kr`), thousands separators (`,` `.` space, no-break spaces, `'`)
 * in groups of three, and the decimal separator the caller names.
 *
 * The decimals rule (the same for every format): an amount with more decimal places than its
 * currency's minor unit is accepted only when the extra digits are zeros (`8.850` EUR = 885 cents,
 * exactly); otherwise the entry is rejected with a message, never rounded.
 */
import { currencyDigits } from '@outlay/contracts';
import { currencyCode } from './codes.ts';

export type DecimalSeparator = '.' | ',';

export interface DecimalAmount {
  negative: boolean;
  whole: string;
  fraction: string;
}

export type AmountResult = { ok: true; amount: DecimalAmount } | { ok: false; reason: string };

const SIGNS = '+-−–';
const GROUP_CHARS = " '’\u00a0\u202f";

/** Local currency abbreviations written beside amounts, besides ISO codes. */
const CURRENCY_WORDS = new Set([
  'kr',
  'kn',
  'zł',
  'kč',
  'ft',
  'fr',
  'sfr',
  'chf',
  'rs',
  'lei',
  'lv',
  'rm',
  'rp',
  'r',
  'din',
  'den',
  'tl',
]);

function isCurrencyWord(word: string): boolean {
  const w = word.replace(/\.$/, '');
  return CURRENCY_WORDS.has(w.toLowerCase()) || currencyCode(w) !== null;
}

interface Unwrapped {
  core: string;
  negative: boolean;
  symbols: string;
}

/** Peels signs, parentheses, CR/DR and currency marks off both ends; null if they make no sense. */
function unwrap(input: string): Unwrapped | null {
  let s = input.trim();
  let negative = false;
  let signs = 0;
  let symbols = '';
  const suffix = /(?<=[\d\s])\s*(CR|DR|Cr|Dr|cr|dr)\.?$/.exec(s);
  if (suffix) {
    if (suffix[1]?.toLowerCase() === 'dr') negative = true;
    signs++;
    s = s.slice(0, suffix.index);
  }
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = !negative;
    signs++;
    s = s.slice(1, -1);
  }
  // Leading marks: signs, currency symbols, short currency words ("EUR", "kr", "R$").
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (SIGNS.includes(c)) {
      if (c !== '+') negative = !negative;
      signs++;
      i++;
    } else if (c === ' ' || c === '\u00a0' || /\p{Sc}/u.test(c)) {
      if (c !== ' ' && c !== '\u00a0') symbols += c;
      i++;
    } else if (/\p{L}/u.test(c)) {
      const word = /^\p{L}+\.?/u.exec(s.slice(i))?.[0] ?? '';
      if (!isCurrencyWord(word)) return null;
      symbols += word;
      i += word.length;
    } else if (c === '(' && s.endsWith(')')) {
      negative = !negative;
      signs++;
      s = s.slice(0, -1);
      i++;
    } else break;
  }
  let j = s.length;
  while (j > i) {
    const c = s[j - 1] ?? '';
    if (SIGNS.includes(c)) {
      if (c !== '+') negative = !negative;
      signs++;
      j--;
    } else if (c === ' ' || c === '\u00a0' || /\p{Sc}/u.test(c)) {
      if (c !== ' ' && c !== '\u00a0') symbols += c;
      j--;
    } else if (/\p{L}|\./u.test(c)) {
      const word = /\p{L}+\.?$/u.exec(s.slice(i, j))?.[0] ?? '';
      if (word === '') break;
      if (!isCurrencyWord(word)) return null;
      symbols += word;
      j -= word.length;
    } else break;
  }
  if (signs > 1) return null;
  return { core: s.slice(i, j), negative, symbols };
}

function groupPattern(decimal: DecimalSeparator): RegExp {
  const group = `[${decimal === '.' ? ',' : '.'}${GROUP_CHARS}]`;
  const dec = decimal === '.' ? '\\.' : ',';
  return new RegExp(`^(?:(\\d{1,3}(?:${group}\\d{3})+)|(\\d*))(?:${dec}(\\d*))?$`);
}

const PATTERNS: Record<DecimalSeparator, RegExp> = {
  '.': groupPattern('.'),
  ',': groupPattern(','),
};

/** Reads an amount written with the given decimal separator. */
export function readAmount(input: string, decimal: DecimalSeparator): AmountResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'the amount is empty' };
  if (text.length > 64) return { ok: false, reason: `"${text.slice(0, 64)}…" is not an amount` };
  const parts = unwrap(text);
  const m = parts && PATTERNS[decimal].exec(parts.core);
  if (!parts || !m) return { ok: false, reason: `"${text}" is not an amount` };
  const whole = (m[1] ?? m[2] ?? '').replace(/\D/g, '');
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return { ok: false, reason: `"${text}" is not an amount` };
  return { ok: true, amount: { negative: parts.negative, whole: whole || '0', fraction } };
}

/** Currency marks found around an amount ("£", "EUR", "kr"): for guessing a CSV's currency. */
export function currencyMarks(input: string): string {
  return unwrap(input)?.symbols ?? '';
}

/** Scales to minor units of a currency with `digits` decimals, exactly, or says why not. */
export function toMinorUnits(
  amount: DecimalAmount,
  digits: number,
  currency: string | null,
): { ok: true; minor: number } | { ok: false; reason: string } {
  let fraction = amount.fraction;
  if (fraction.length > digits) {
    const extra = fraction.slice(digits);
    if (!/^0*$/.test(extra)) {
      const written = `${amount.negative ? '-' : ''}${amount.whole}.${amount.fraction}`;
      const unit =
        digits === 0
          ? `${currency ?? 'the currency'} has no minor unit`
          : `${currency ?? 'the currency'} has ${digits} decimal place${digits === 1 ? '' : 's'}`;
      return {
        ok: false,
        reason: `the amount ${written} has more decimal places than ${unit}, and Outlay does not round amounts`,
      };
    }
    fraction = fraction.slice(0, digits);
  }
  const digitsText = (amount.whole + fraction.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  if (digitsText.length > 16) return { ok: false, reason: 'the amount is too large' };
  const big = BigInt(digitsText);
  if (big > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, reason: 'the amount is too large' };
  const minor = Number(big);
  return { ok: true, minor: amount.negative && minor !== 0 ? -minor : minor };
}

/** Reads and scales in one step. */
export function parseMinorUnits(
  input: string,
  decimal: DecimalSeparator,
  currency: string | null,
): { ok: true; minor: number } | { ok: false; reason: string } {
  const read = readAmount(input, decimal);
  if (!read.ok) return read;
  return toMinorUnits(read.amount, minorDigits(currency), currency);
}

/** Minor-unit digits of a currency; 2 when the currency is not known. */
export function minorDigits(currency: string | null): number {
  return currency ? currencyDigits(currency) : 2;
}

/**
 * Which decimal separator a set of amounts uses. Each value that settles it votes: `1.234,56`,
 * `12,5` and `-3452,90` say comma; `1,234.56` and `12.50` say dot. A lone separator followed by
 * three digits (`1,000`) is grouping unless the currency has three decimals, so it says the other
 * separator is the decimal one, but only counts when no value settles it outright. Null when
 * nothing does. `digits` is the currency's minor-unit digits (2 when it is not known).
 */
export function detectDecimalSeparator(
  values: Iterable<string>,
  digits = 2,
): DecimalSeparator | null {
  const strong = { ',': 0, '.': 0 };
  const weak = { ',': 0, '.': 0 };
  for (const value of values) {
    const core = unwrap(value)?.core ?? '';
    if (!/^[\d.,'’ \u00a0\u202f]+$/.test(core) || !/\d/.test(core)) continue;
    const lastDot = core.lastIndexOf('.');
    const lastComma = core.lastIndexOf(',');
    if (lastDot !== -1 && lastComma !== -1) {
      strong[lastComma > lastDot ? ',' : '.']++;
      continue;
    }
    const sep = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : null;
    if (sep === null) continue;
    const other = sep === '.' ? ',' : '.';
    const count = core.split(sep).length - 1;
    const after = core.length - core.lastIndexOf(sep) - 1;
    if (count > 1) strong[other]++;
    else if (after !== 3) strong[sep]++;
    else if (digits !== 3) weak[other]++;
  }
  const votes = strong[','] + strong['.'] > 0 ? strong : weak;
  if (votes[','] === 0 && votes['.'] === 0) return null;
  return votes[','] > votes['.'] ? ',' : '.';
}

/**
 * OFX and CAMT write plain numbers: an optional sign, digits, and `.` or `,` as the decimal mark
 * (`-6.60`, `12,34`). Grouping is accepted only when both marks appear (`1.234,50`); no currency
 * symbols (`$120` is refused).
 */
export function readPlainNumber(input: string): AmountResult {
  const text = input.trim();
  const refuse = { ok: false as const, reason: `"${text.slice(0, 64)}" is not a number` };
  const m = /^([+-]?)([\d.,]*\d[\d.,]*|[.,]\d+)$/.exec(text);
  if (!m) return refuse;
  const body = m[2] ?? '';
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let decimal: DecimalSeparator;
  if (lastDot !== -1 && lastComma !== -1) decimal = lastComma > lastDot ? ',' : '.';
  else if (lastComma !== -1) decimal = ',';
  else decimal = '.';
  const other = decimal === '.' ? ',' : '.';
  const grouped = body.includes(other);
  const match = PATTERNS[decimal].exec(body);
  if (!match || (!grouped && body.split(decimal).length > 2)) return refuse;
  const whole = (match[1] ?? match[2] ?? '').replace(/\D/g, '');
  const fraction = match[3] ?? '';
  if (whole === '' && fraction === '') return refuse;
  return { ok: true, amount: { negative: m[1] === '-', whole: whole || '0', fraction } };
}
