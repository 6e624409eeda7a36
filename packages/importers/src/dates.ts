/**
 * Dates as banks write them → `YYYY-MM-DD`, taking the calendar date exactly as written (a time
 * or time zone after it is ignored, never used to shift the day). No calendar arithmetic happens
 * here: validity is the contracts' calendar (`isCalendarDate`, inside `MIN_DATE`..`MAX_DATE`).
 *
 * Forms read: ISO `2020-02-14` (and `2020/02/14`, `2020.02.14`, with a time after it); compact
 * `20200214`; OFX timestamps `20200214120000.000[-5:EST]`; numeric day/month/year in the order
 * given (`14/02/2020`, `2/14/2020`, `14.02.20`, `14-02-2020`, QIF's `2/14'2020` and `1/ 1'00`);
 * month names (`07 Nov 2013`, `7-Nov-13`, `Nov 7, 2013`) in English, German, French, Dutch,
 * Spanish and Italian. Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999.
 */
import {
  type DateOrder,
  inDateDomain,
  isCalendarDate,
  MAX_DATE,
  MIN_DATE,
} from '@outlay/contracts';

export type DateResult = { ok: true; date: string } | { ok: false; reason: string };

const MONTH_NAMES: string[][] = [
  ['january', 'januar', 'janvier', 'januari', 'enero', 'gennaio', 'jänner', 'janv'],
  ['february', 'februar', 'fevrier', 'februari', 'febrero', 'febbraio', 'fevr', 'févr'],
  ['march', 'marz', 'mars', 'maart', 'marzo', 'mrz', 'mrt'],
  ['april', 'avril', 'abril', 'aprile', 'avr'],
  ['may', 'mai', 'mei', 'mayo', 'maggio'],
  ['june', 'juni', 'juin', 'junio', 'giugno'],
  ['july', 'juli', 'juillet', 'julio', 'luglio', 'juil'],
  ['august', 'aout', 'augustus', 'agosto'],
  ['september', 'septembre', 'septiembre', 'settembre', 'sept'],
  ['october', 'oktober', 'octobre', 'octubre', 'ottobre'],
  ['november', 'novembre', 'noviembre'],
  ['december', 'dezember', 'decembre', 'diciembre', 'dicembre'],
];

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const monthCache = new Map<string, number | null>();

/** A month name or an abbreviation of at least three letters that names one month only. */
export function monthNumber(word: string): number | null {
  const w = stripAccents(word.toLowerCase()).replace(/\.$/, '');
  const cached = monthCache.get(w);
  if (cached !== undefined) return cached;
  let found: number | null = null;
  if (w.length >= 3) {
    for (let m = 0; m < 12; m++) {
      const names = MONTH_NAMES[m] ?? [];
      if (names.some((n) => stripAccents(n).startsWith(w))) {
        if (found !== null && found !== m + 1) {
          found = null;
          break;
        }
        found = m + 1;
      }
    }
  }
  if (monthCache.size < 1000) monthCache.set(w, found);
  return found;
}

function fullYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function build(year: number, month: number, day: number, text: string): DateResult {
  if (month < 1 || month > 12) {
    return { ok: false, reason: `"${text}" is not a date (there is no month ${month})` };
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isCalendarDate(iso)) {
    return { ok: false, reason: `"${text}" is not a date (${iso} does not exist)` };
  }
  if (!inDateDomain(iso)) {
    return {
      ok: false,
      reason: `"${text}" is outside the dates Outlay accepts (${MIN_DATE} to ${MAX_DATE})`,
    };
  }
  return { ok: true, date: iso };
}

const TIME = String.raw`(?:[T\s,]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?`;
const OFX_STAMP =
  /^(\d{4})(\d{2})(\d{2})(?:\d{2,6}(?:[.,]\d{1,6})?)?(?::\d{1,3})?\s*(?:\[[^\]]{0,20}\])?$/;
const YEAR_FIRST = new RegExp(
  String.raw`^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})` + TIME + '$',
);
const NUMERIC = new RegExp(
  String.raw`^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*(?:\2\s*(\d{4}|\d{2})|'\s*(\d{4}|\d{1,2}))\.?` +
    TIME +
    '$',
);
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})\.?[\s\-/]*([\p{L}]{3,})\.?[\s\-/,]*(\d{4}|\d{2})` + TIME + '$',
  'u',
);
const MONTH_NAME_DAY = new RegExp(
  String.raw`^([\p{L}]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})` + TIME + '$',
  'u',
);

/** Reads one date under the given order (which matters only for all-numeric day/month forms). */
export function parseDate(input: string, order: DateOrder): DateResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'the date is empty' };
  if (text.length > 64) return { ok: false, reason: `"${text.slice(0, 64)}…" is not a date` };
  let m = OFX_STAMP.exec(text);
  if (m) {
    const r = build(Number(m[1]), Number(m[2]), Number(m[3]), text);
    if (r.ok || text.length !== 8 || order === 'ymd') return r;
    // An eight-digit date that is not YYYYMMDD may be DDMMYYYY or MMDDYYYY.
    const [a, b, y] = [text.slice(0, 2), text.slice(2, 4), text.slice(4)];
    return order === 'dmy'
      ? build(Number(y), Number(b), Number(a), text)
      : build(Number(y), Number(a), Number(b), text);
  }
  m = YEAR_FIRST.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = NUMERIC.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const yearText = m[4] ?? m[5] ?? '';
    if (order === 'ymd') {
      if (yearText.length === 4) return { ok: false, reason: `"${text}" is not a year-first date` };
      return build(fullYear(m[1] ?? ''), b, Number(yearText), text);
    }
    const year = fullYear(yearText.length === 1 ? `0${yearText}` : yearText);
    return order === 'dmy' ? build(year, b, a, text) : build(year, a, b, text);
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    if (month !== null) return build(fullYear(m[3] ?? ''), month, Number(m[1]), text);
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    if (month !== null) return build(Number(m[3]), month, Number(m[2]), text);
  }
  return { ok: false, reason: `"${text}" is not a date` };
}

/** `parseDate` with a memo: bank files repeat the same few dates on many rows. */
export function dateReader(order: DateOrder): (text: string) => DateResult {
  const memo = new Map<string, DateResult>();
  return (text) => {
    let result = memo.get(text);
    if (result === undefined) {
      result = parseDate(text, order);
      if (memo.size >= 20_000) memo.clear();
      memo.set(text, result);
    }
    return result;
  };
}

export interface DateOrderDetection {
  order: DateOrder;
  /** How many of the values read as dates under that order. */
  parsed: number;
  /** Day-first and month-first both fit every value and nothing else settled it. */
  ambiguous: boolean;
}

/**
 * Finds the order under which the most values read as dates, scanning every value. When
 * day-first and month-first fit equally well: dates written with dots are day-first (nobody
 * writes month.day.year); else the order that keeps the dates in sequence wins (bank files are
 * sorted); failing that, `fallback` (day-first unless told), marked ambiguous.
 */
export function detectDateOrder(
  values: readonly string[],
  fallback: DateOrder = 'dmy',
): DateOrderDetection {
  // One pass over the values, with counts, agreement and sequence kept per order as it goes.
  const readDmy = dateReader('dmy');
  const readMdy = dateReader('mdy');
  const readYmd = dateReader('ymd');
  const tally = () => ({ parsed: 0, last: '', up: true, down: true });
  const dmy = tally();
  const mdy = tally();
  const ymd = tally();
  let dmyIsMdy = true;
  let dmyIsYmd = true;
  let dotted = true;
  const track = (t: ReturnType<typeof tally>, r: DateResult) => {
    if (!r.ok) return;
    if (t.parsed > 0) {
      if (r.date < t.last) t.up = false;
      if (r.date > t.last) t.down = false;
    }
    t.parsed++;
    t.last = r.date;
  };
  for (const v of values) {
    if (v.trim() === '') continue;
    const a = readDmy(v);
    const b = readMdy(v);
    const c = readYmd(v);
    track(dmy, a);
    track(mdy, b);
    track(ymd, c);
    const da = a.ok ? a.date : null;
    if (da !== (b.ok ? b.date : null)) dmyIsMdy = false;
    if (da !== (c.ok ? c.date : null)) dmyIsYmd = false;
    if (dotted && a.ok && !/^\d{1,2}\s*\.\s*\d{1,2}\s*\./.test(v.trim())) dotted = false;
  }
  const best = Math.max(dmy.parsed, mdy.parsed);
  if (ymd.parsed > best) return { order: 'ymd', parsed: ymd.parsed, ambiguous: false };
  if (dmy.parsed !== mdy.parsed) {
    return dmy.parsed > mdy.parsed
      ? { order: 'dmy', parsed: dmy.parsed, ambiguous: false }
      : { order: 'mdy', parsed: mdy.parsed, ambiguous: false };
  }
  if (dmyIsMdy) {
    // Nothing here depends on the order (ISO, compact, month names, or day = month).
    return { order: dmyIsYmd ? 'ymd' : fallback, parsed: best, ambiguous: false };
  }
  // Day.month.year with dots is written day-first everywhere.
  if (dotted) return { order: 'dmy', parsed: best, ambiguous: false };
  const dmySorted = dmy.up || dmy.down;
  const mdySorted = mdy.up || mdy.down;
  if (dmySorted !== mdySorted) {
    return { order: dmySorted ? 'dmy' : 'mdy', parsed: best, ambiguous: false };
  }
  return { order: fallback, parsed: best, ambiguous: best > 0 };
}
