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

const SIMPLE: Record<DecimalSeparator, RegExp> = {
  '.': /^([+-]?)(\d+)(?:\.(\d*))?$/,
  ',': /^([+-]?)(\d+)(?:,(\d*))?$/,
};

/** Reads an amount written with the given decimal separator. */
export function readAmount(input: string, decimal: DecimalSeparator): AmountResult {
  // Most cells are plain signed decimals: read those without the general machinery.
  const simple = SIMPLE[decimal].exec(input);
  if (simple) {
    const whole = simple[2] ?? '0';
    return {
      ok: true,
      amount: { negative: simple[1] === '-', whole, fraction: simple[3] ?? '' },
    };
  }
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
  // Up to 15 digits is always below 2^53, so Number() is exact; 16 digits go through BigInt.
  if (digitsText.length === 16 && BigInt(digitsText) > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, reason: 'the amount is too large' };
  }
  const minor = Number(digitsText);
  return { ok: true, minor: amount.negative && minor !== 0 ? -minor : minor };
}

/**
 * The fast path for the common cell: an optionally signed plain decimal (`-12.50`, `1200`) read
 * straight into minor units without allocating. Null for anything else (grouping, symbols, more
 * decimals than the currency has, more than 15 digits): `parseMinorUnits` reads or explains those.
 */
export function plainMinorUnits(
  text: string,
  decimal: DecimalSeparator,
  digits: number,
): number | null {
  const n = text.length;
  if (n === 0 || n > 20) return null;
  const separator = decimal.charCodeAt(0);
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45) {
    negative = true;
    i = 1;
  } else if (first === 43) i = 1;
  let value = 0;
  let significant = 0;
  let fraction = -1;
  let anyDigit = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      anyDigit = true;
      if (fraction >= 0) {
        if (fraction >= digits) {
          if (c !== 48) return null;
          continue;
        }
        fraction++;
      }
      value = value * 10 + (c - 48);
      if (value > 0) significant++;
    } else if (c === separator && fraction < 0) fraction = 0;
    else return null;
  }
  if (!anyDigit) return null;
  for (let f = Math.max(fraction, 0); f < digits; f++) {
    value *= 10;
    if (value > 0) significant++;
  }
  if (significant > 15) return null;
  return negative && value !== 0 ? -value : value;
}

/** Reads and scales in one step. */
export function parseMinorUnits(
  input: string,
  decimal: DecimalSeparator,
  currency: string | null,
): { ok: true; minor: number } | { ok: false; reason: string } {
  const digits = minorDigits(currency);
  const plain = plainMinorUnits(input, decimal, digits);
  if (plain !== null) return { ok: true, minor: plain };
  const read = readAmount(input, decimal);
  if (!read.ok) return read;
  return toMinorUnits(read.amount, digits, currency);
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
