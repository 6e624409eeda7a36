/**
 * Works out a `CsvMapping` from the rows of a CSV file: where the table starts, whether it has a
 * header, and which column is what. Header names decide where they are recognised (and the
 * column's content agrees); the content decides the rest:
 *
 * - the date column is the one whose cells read as dates (the leftmost, when several do, unless
 *   the header names one); the date order is settled over every row of it (`detectDateOrder`);
 * - the decimal separator is voted on by every amount-like cell (`detectDecimalSeparator`);
 * - amount columns hold amounts with decimals, a sign or a currency mark; two of them that are
 *   never filled on the same row are debit (money out) and credit (money in) — the one holding
 *   negative numbers, or else the first, is the debit; otherwise the leftmost one with negative
 *   numbers is the amount, and without a header a further amount column to its right is the
 *   running balance;
 * - an unsigned amount takes its sign from a column of debit/credit markers (`Af`/`Bij`, `D`/`C`,
 *   `DR`/`CR`, `S`/`H`) when there is one;
 * - a column of ISO currency codes is the currency; a column holding one account number or IBAN
 *   on every row is the account;
 * - of the remaining text columns the longest and most varied is the payee, the others the memo.
 */
import { type CsvMapping, type DateOrder } from '@outlay/contracts';
import {
  currencyMarks,
  detectDecimalSeparator,
  readAmount,
  type DecimalSeparator,
} from '../amounts.ts';
import { detectDateOrder, parseDate } from '../dates.ts';
import { currencyCode, ibanOf } from '../codes.ts';
import { CREDIT_MARKERS, DEBIT_MARKERS, headerRoles, type HeaderRole } from './header-names.ts';

/** Rows looked at to type the columns; the date order is still settled over every row. */
const SAMPLE_ROWS = 500;

/** Columns looked at; bank exports have a few dozen at most (PayPal's has 41). */
const MAX_COLUMNS = 200;

export interface CsvDetection {
  mapping: CsvMapping;
  /** Set when day-first and month-first both fit every date. */
  ambiguousDates: boolean;
  /** Why detection failed, when it did. */
  failure: string | null;
}

interface ColumnStats {
  index: number;
  values: string[];
  nonEmpty: number;
  /** Cells that read as amounts under the detected decimal separator. */
  numeric: number;
  /** Of those, cells with decimals, a sign, grouping or a currency mark. */
  moneyMarked: number;
  negative: number;
  dates: number;
  distinct: number;
  averageLength: number;
  accountLike: number;
  currencyCodes: number;
  markers: number;
}

const isEmpty = (cells: string[]) => cells.every((c) => c.trim() === '');

function modeWidth(rows: string[][]): number {
  const counts = new Map<number, number>();
  for (const r of rows)
    if (r.length >= 2 && !isEmpty(r)) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width > best)) {
      best = width;
      bestCount = count;
    }
  }
  return best;
}

function columnValues(rows: string[][], column: number): string[] {
  return rows.map((r) => (r[column] ?? '').trim());
}

function isDate(value: string): boolean {
  return parseDate(value, 'dmy').ok || parseDate(value, 'mdy').ok || parseDate(value, 'ymd').ok;
}

function stats(rows: string[][], index: number, decimal: DecimalSeparator): ColumnStats {
  const values = columnValues(rows, index);
  const present = values.filter((v) => v !== '');
  let numeric = 0;
  let moneyMarked = 0;
  let negative = 0;
  let dates = 0;
  let accountLike = 0;
  let currencyCodes = 0;
  let markers = 0;
  let length = 0;
  for (const v of present) {
    length += v.length;
    if (isDate(v)) dates++;
    const r = readAmount(v, decimal);
    if (r.ok) {
      numeric++;
      if (r.amount.negative) negative++;
      if (
        r.amount.fraction !== '' ||
        r.amount.negative ||
        /[+\-−(]/.test(v) ||
        currencyMarks(v) !== '' ||
        /\d[ ,.'’\u00a0\u202f]\d{3}/.test(v)
      ) {
        moneyMarked++;
      }
    }
    if (ibanOf(v) || /^[\d][\d .\-/]{5,}\d$/.test(v)) accountLike++;
    if (currencyCode(v)) currencyCodes++;
    const lower = v.toLowerCase();
    if (DEBIT_MARKERS.has(lower) || CREDIT_MARKERS.has(lower)) markers++;
  }
  return {
    index,
    values,
    nonEmpty: present.length,
    numeric,
    moneyMarked,
    negative,
    dates,
    distinct: new Set(present).size,
    averageLength: present.length ? length / present.length : 0,
    accountLike,
    currencyCodes,
    markers,
  };
}

const mostly = (part: number, whole: number, share = 0.9) => whole > 0 && part >= share * whole;

/**
 * Columns that hold dates: over the rows of the table's width, from the first row whose cell
 * reads as a date (rows above it are a header or a preamble), at least half of the filled cells
 * are dates (a footer may not be) and at least half the rows have one.
 */
function dateColumns(rows: string[][], width: number): number[] {
  const body = rows.filter((r) => r.length === width && !isEmpty(r));
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    const values = columnValues(body, c);
    const start = values.findIndex((v) => v !== '' && isDate(v));
    if (start === -1) continue;
    let nonEmpty = 0;
    let dates = 0;
    for (let i = start; i < values.length; i++) {
      const v = values[i] ?? '';
      if (v === '') continue;
      nonEmpty++;
      if (isDate(v)) dates++;
    }
    if (mostly(dates, nonEmpty, 0.5) && nonEmpty >= 0.5 * (values.length - start)) out.push(c);
  }
  return out;
}

const SYMBOL_CURRENCIES: Record<string, string> = {
  '£': 'GBP',
  '€': 'EUR',
  '¥': 'JPY',
  '￥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₪': 'ILS',
  '₺': 'TRY',
  '₽': 'RUB',
  '₫': 'VND',
  '฿': 'THB',
  '₴': 'UAH',
  '₱': 'PHP',
  zł: 'PLN',
  Kč: 'CZK',
  Ft: 'HUF',
};

/** A currency named by the marks around a column's amounts (`£`, `EUR`), when they agree. */
export function currencyFromMarks(values: string[]): string | null {
  const found = new Set<string>();
  for (const v of values.slice(0, 200)) {
    const marks = currencyMarks(v).replace(/[.\s]/g, '');
    if (marks === '') continue;
    const code = SYMBOL_CURRENCIES[marks] ?? currencyCode(marks);
    if (!code) return null;
    found.add(code);
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

export function detectMapping(
  rows: string[][],
  options: {
    delimiter: CsvMapping['delimiter'];
    dateOrder?: DateOrder | undefined;
    /** Minor-unit digits of the currency, when the caller knows it. */
    digits?: number | undefined;
  },
): CsvDetection {
  const fail = (failure: string): CsvDetection => ({
    mapping: emptyMapping(options.delimiter),
    ambiguousDates: false,
    failure,
  });
  const width = modeWidth(rows.slice(0, SAMPLE_ROWS));
  if (width < 2) {
    return fail(
      'No columns were found: this is not a CSV file with one transaction per row (nor OFX, QIF or CAMT.053).',
    );
  }
  if (width > MAX_COLUMNS) {
    return fail(
      `The rows have ${width} columns; a bank statement has far fewer, so this is not one Outlay can read.`,
    );
  }
  const candidates = dateColumns(rows.slice(0, SAMPLE_ROWS), width);
  if (candidates.length === 0) {
    return fail(
      'No column holds dates, so this does not look like a bank statement (it is not OFX, QIF or CAMT.053 either).',
    );
  }

  // Where the table starts: the first row whose date cell (in a date column) reads as a date.
  let first = -1;
  let dateColumn = candidates[0] ?? 0;
  for (let i = 0; i < rows.length && first === -1; i++) {
    const row = rows[i] ?? [];
    for (const c of candidates) {
      if (isDate((row[c] ?? '').trim())) {
        first = i;
        break;
      }
    }
  }
  let headerIndex = first - 1;
  while (headerIndex >= 0 && isEmpty(rows[headerIndex] ?? [])) headerIndex--;
  const headerRow = headerIndex >= 0 ? (rows[headerIndex] ?? []) : null;
  const header =
    headerRow !== null &&
    headerRow.filter((c) => c.trim() !== '').length >= 2 &&
    !candidates.some((c) => isDate((headerRow[c] ?? '').trim()));
  const skipRows = header ? headerIndex : first;
  const body = rows.slice(first, first + SAMPLE_ROWS).filter((r) => !isEmpty(r));
  const columnCount = Math.min(MAX_COLUMNS, Math.max(width, header ? (headerRow?.length ?? 0) : 0));

  // Header roles, best-ranked column per role.
  const named = new Map<HeaderRole, number>();
  if (header && headerRow) {
    const ranks = new Map<HeaderRole, number>();
    headerRow.forEach((name, c) => {
      for (const [role, rank] of headerRoles(name)) {
        const best = ranks.get(role);
        if (best === undefined || rank < best) {
          ranks.set(role, rank);
          named.set(role, c);
        }
      }
    });
  }
  const namedDate = named.get('date');
  if (namedDate !== undefined && candidates.includes(namedDate)) dateColumn = namedDate;

  const decimal =
    detectDecimalSeparator(
      body.flatMap((r) => r.filter((_, c) => !candidates.includes(c))).slice(0, 50_000),
      options.digits,
    ) ?? '.';
  const columns: ColumnStats[] = [];
  for (let c = 0; c < columnCount; c++) columns.push(stats(body, c, decimal));
  const col = (c: number) => columns[c] as ColumnStats;
  const taken = new Set<number>([dateColumn]);
  const isNumeric = (c: ColumnStats) => mostly(c.numeric, c.nonEmpty);
  /** A column the header names for amounts: most of its cells are amounts, some may be bad. */
  const isMostlyNumeric = (c: ColumnStats) => mostly(c.numeric, c.nonEmpty, 0.5);
  const isMoney = (c: ColumnStats) =>
    !candidates.includes(c.index) && isNumeric(c) && c.moneyMarked > 0;
  /** A named column, if its content agrees with the role. */
  const namedIf = (role: HeaderRole, agrees: (c: ColumnStats) => boolean): number | null => {
    const c = named.get(role);
    if (c === undefined || taken.has(c) || c >= columnCount) return null;
    if (col(c).nonEmpty > 0 && !agrees(col(c))) return null;
    taken.add(c);
    return c;
  };

  // Amounts.
  let amount: CsvMapping['amount'] | null = null;
  const namedAmount = namedIf('amount', isMostlyNumeric);
  if (namedAmount !== null) amount = { kind: 'single', column: namedAmount };
  else {
    const debit = namedIf('debit', isMostlyNumeric);
    const credit = namedIf('credit', isMostlyNumeric);
    if (debit !== null && credit !== null) amount = { kind: 'debitCredit', debit, credit };
    else {
      if (debit !== null) taken.delete(debit);
      if (credit !== null) taken.delete(credit);
    }
  }
  const money = columns.filter((c) => isMoney(c) && !taken.has(c.index));
  if (!amount) {
    const pair = complementaryPair(money);
    if (pair) {
      const [a, b] = pair;
      const debitFirst = !(b.negative > 0 && a.negative === 0);
      amount = debitFirst
        ? { kind: 'debitCredit', debit: a.index, credit: b.index }
        : { kind: 'debitCredit', debit: b.index, credit: a.index };
    } else {
      const signed = money.find((c) => c.negative > 0) ?? money[0];
      const integers = columns.find(
        (c) =>
          !taken.has(c.index) && !candidates.includes(c.index) && isNumeric(c) && c.negative > 0,
      );
      const chosen = signed ?? integers;
      if (chosen) amount = { kind: 'single', column: chosen.index };
    }
  }
  if (!amount) {
    return fail(
      `Column ${dateColumn + 1} holds dates, but no column holds amounts, so this does not look like a bank statement.`,
    );
  }
  const amountColumns = amount.kind === 'single' ? [amount.column] : [amount.debit, amount.credit];
  for (const c of amountColumns) taken.add(c);

  let balance = namedIf('balance', isMostlyNumeric);
  if (balance === null && !header) {
    const right = money.filter((c) => !taken.has(c.index) && c.index > Math.max(...amountColumns));
    const last = right[right.length - 1];
    if (last) {
      balance = last.index;
      taken.add(balance);
    }
  }

  // A sign column, for an unsigned single amount.
  let sign: CsvMapping['sign'] = null;
  if (amount.kind === 'single' && col(amount.column).negative === 0) {
    const markerColumn =
      namedIf('sign', (c) => mostly(c.markers, c.nonEmpty, 1)) ??
      columns.find(
        (c) =>
          !taken.has(c.index) &&
          mostly(c.markers, c.nonEmpty, 1) &&
          c.values.some((v) => DEBIT_MARKERS.has(v.toLowerCase())) &&
          c.values.some((v) => CREDIT_MARKERS.has(v.toLowerCase())),
      )?.index ??
      null;
    if (markerColumn !== null) {
      taken.add(markerColumn);
      const debitValues = [
        ...new Set(col(markerColumn).values.filter((v) => DEBIT_MARKERS.has(v.toLowerCase()))),
      ];
      if (debitValues.length > 0)
        sign = { column: markerColumn, debitValues: debitValues.slice(0, 20) };
    }
  }

  const currency =
    namedIf('currency', (c) => mostly(c.currencyCodes, c.nonEmpty)) ??
    claim(
      columns.find(
        (c) => !taken.has(c.index) && c.nonEmpty > 0 && mostly(c.currencyCodes, c.nonEmpty),
      ),
    );
  const account =
    namedIf('account', () => true) ??
    claim(
      columns.find(
        (c) =>
          !taken.has(c.index) &&
          c.distinct === 1 &&
          c.nonEmpty === body.length &&
          body.length > 1 &&
          c.accountLike === c.nonEmpty,
      ),
    );
  const externalId = namedIf('externalId', () => true);
  const checkNumber = namedIf('checkNumber', () => true);
  const category = namedIf('category', () => true);
  function claim(c: ColumnStats | undefined): number | null {
    if (!c) return null;
    taken.add(c.index);
    return c.index;
  }

  // Payee and memo.
  let payee = namedIf('payee', () => true);
  const descriptions = header
    ? columns.filter(
        (c) => !taken.has(c.index) && headerRoles(headerRow?.[c.index] ?? '').has('description'),
      )
    : [];
  if (payee === null && descriptions[0]) payee = claim(descriptions[0]);
  let memo: number[] = [];
  if (header) {
    memo = columns
      .filter((c) => {
        if (taken.has(c.index)) return false;
        const roles = headerRoles(headerRow?.[c.index] ?? '');
        return roles.has('memo') || roles.has('description');
      })
      .map((c) => c.index);
  }
  if (payee === null || (!header && memo.length === 0)) {
    const text = columns.filter(
      (c) =>
        !taken.has(c.index) &&
        c.nonEmpty > 0 &&
        !candidates.includes(c.index) &&
        !isNumeric(c) &&
        !mostly(c.markers, c.nonEmpty, 1) &&
        !mostly(c.accountLike, c.nonEmpty, 0.5) &&
        !(c.distinct === 1 && body.length > 2),
    );
    const score = (c: ColumnStats) =>
      c.averageLength * Math.sqrt(c.distinct / c.nonEmpty) * (c.nonEmpty / body.length);
    if (payee === null && text.length > 0) {
      const best = Math.max(...text.map(score));
      payee = claim(text.find((c) => score(c) >= 0.8 * best));
    }
    if (!header) memo = text.filter((c) => c.index !== payee).map((c) => c.index);
  }
  memo = memo.filter((c) => c !== payee).slice(0, 20);

  const dateValues: string[] = [];
  for (let i = first; i < rows.length; i++) {
    const v = rows[i]?.[dateColumn];
    if (v !== undefined && v.trim() !== '') dateValues.push(v);
  }
  const detected = detectDateOrder(dateValues);
  return {
    mapping: {
      delimiter: options.delimiter,
      skipRows,
      header,
      date: dateColumn,
      dateOrder: options.dateOrder ?? detected.order,
      amount,
      sign,
      decimalSeparator: decimal,
      payee,
      memo,
      balance,
      currency,
      externalId,
      checkNumber,
      category,
      account,
    },
    ambiguousDates: !options.dateOrder && detected.ambiguous,
    failure: null,
  };
}

/** Two amount columns that are never both filled on a row: debit and credit. */
function complementaryPair(money: ColumnStats[]): [ColumnStats, ColumnStats] | null {
  const filled = (v: string) => v !== '' && !/^[^\d]*0+(?:[.,]0+)?[^\d]*$/.test(v);
  for (let i = 0; i < money.length; i++) {
    for (let j = i + 1; j < money.length; j++) {
      const a = money[i] as ColumnStats;
      const b = money[j] as ColumnStats;
      let exclusive = 0;
      let rows = 0;
      a.values.forEach((va, r) => {
        const vb = b.values[r] ?? '';
        const fa = filled(va);
        const fb = filled(vb);
        if (!fa && !fb) return;
        rows++;
        if (fa !== fb) exclusive++;
      });
      const bothUsed = a.values.some(filled) && b.values.some(filled);
      if (bothUsed && mostly(exclusive, rows, 0.95)) return [a, b];
    }
  }
  return null;
}

function emptyMapping(delimiter: CsvMapping['delimiter']): CsvMapping {
  return {
    delimiter,
    skipRows: 0,
    header: false,
    date: 0,
    dateOrder: 'dmy',
    amount: { kind: 'single', column: 1 },
    sign: null,
    decimalSeparator: '.',
    payee: null,
    memo: [],
    balance: null,
    currency: null,
    externalId: null,
    checkNumber: null,
    category: null,
    account: null,
  };
}
