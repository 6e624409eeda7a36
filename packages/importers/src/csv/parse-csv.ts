/**
 * CSV: tokenised by papaparse (quoting, embedded newlines, any line ending), read with a
 * `CsvMapping` that is either given (`hints.csvMapping`) or detected (`detectMapping`). The
 * mapping used is returned with the statement, so a person can correct it and read the file again.
 *
 * Rows: blank rows are skipped; a row without a date whose shape differs from the table's (a
 * total or a footer) is skipped with a warning; any other row that cannot be read is left out
 * with the reason and its line.
 */
import Papa from 'papaparse';
import {
  type CsvDelimiter,
  type CsvMapping,
  type DateOrder,
  type ParseHints,
  type ParsedStatement,
} from '@outlay/contracts';
import { minorDigits, parseMinorUnits, plainMinorUnits } from '../amounts.ts';
import { dateReader } from '../dates.ts';
import { StatementError } from '../failure.ts';
import { currencyCode, ibanOf } from '../codes.ts';
import { clean, StatementBuilder, where } from '../statement-builder.ts';
import { decodeText, refuseBinary } from '../text.ts';
import { currencyFromMarks, detectMapping, type CsvDetection } from './detect-mapping.ts';

const DELIMITERS: CsvDelimiter[] = [',', ';', '\t', '|'];

interface Table {
  rows: string[][];
  /** 1-based line on which each row starts. */
  lines: number[];
}

function tokenize(text: string, delimiter: CsvDelimiter, preview = 0): Table {
  const result = Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    preview,
  });
  const rows = result.data;
  const newline = result.meta.linebreak === '\r' ? '\r' : '\n';
  const lines: number[] = new Array<number>(rows.length);
  let line = 1;
  for (let i = 0; i < rows.length; i++) {
    lines[i] = line;
    line++;
    for (const cell of rows[i] ?? []) {
      if (cell.includes(newline)) line += cell.split(newline).length - 1;
    }
  }
  return { rows, lines };
}

/**
 * Delimiters ranked by how consistently the first rows split under them into 2 or more columns:
 * the share of rows having the most common field count, ties going to more columns.
 */
export function rankDelimiters(text: string): CsvDelimiter[] {
  const head = text.slice(0, 65_536);
  const ranked: { delimiter: CsvDelimiter; score: number; width: number }[] = [];
  for (const delimiter of DELIMITERS) {
    const { rows } = tokenize(head, delimiter, 100);
    const filled = rows.filter((r) => r.some((c) => c.trim() !== ''));
    const counts = new Map<number, number>();
    for (const r of filled) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let width = 0;
    let count = 0;
    for (const [w, n] of counts) {
      if (w >= 2 && (n > count || (n === count && w > width))) {
        width = w;
        count = n;
      }
    }
    if (width >= 2) ranked.push({ delimiter, score: count / filled.length, width });
  }
  ranked.sort((a, b) => b.score - a.score || b.width - a.width);
  return ranked.map((r) => r.delimiter);
}

/**
 * The mapping of a file: under each delimiter in rank order, the first under which a table of
 * dates and amounts is found (tried on the first 64 KB, then confirmed on the whole file).
 */
function detect(
  text: string,
  options: { dateOrder: DateOrder | undefined; digits: number | undefined },
): { table: Table; detection: CsvDetection } {
  const ranked = rankDelimiters(text);
  const head =
    text.length > 65_536 ? text.slice(0, text.lastIndexOf('\n', 65_536) + 1 || 65_536) : text;
  let first: { table: Table; detection: CsvDetection } | null = null;
  for (const delimiter of ranked.length > 0 ? ranked : DELIMITERS.slice(0, 1)) {
    const sample = detectMapping(tokenize(head, delimiter).rows, { delimiter, ...options });
    if (sample.failure && first) continue;
    const table = tokenize(text, delimiter);
    const detection = head === text ? sample : detectMapping(table.rows, { delimiter, ...options });
    if (!detection.failure) return { table, detection };
    first ??= { table, detection };
  }
  return first as { table: Table; detection: CsvDetection };
}

/** No bank writes a row this long; refusing it keeps one line from becoming millions of cells. */
const MAX_LINE = 65_536;

function refuseLongLines(text: string): void {
  let start = 0;
  let line = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > MAX_LINE) {
      throw new StatementError(
        'malformed',
        `Line ${line} is longer than ${MAX_LINE.toLocaleString('en')} characters, which no bank statement row is.`,
        line,
      );
    }
    start = end + 1;
    line++;
  }
}

function checkMapping(mapping: CsvMapping, width: number): void {
  const used = [
    mapping.date,
    ...(mapping.amount.kind === 'single'
      ? [mapping.amount.column]
      : [mapping.amount.debit, mapping.amount.credit]),
    mapping.sign?.column,
    mapping.payee,
    ...mapping.memo,
    mapping.balance,
    mapping.currency,
    mapping.externalId,
    mapping.checkNumber,
    mapping.category,
    mapping.account,
  ];
  for (const c of used) {
    if (c !== null && c !== undefined && c >= width) {
      throw new StatementError(
        'badMapping',
        `The mapping uses column ${c + 1}, but the rows of this file have at most ${width} column${width === 1 ? '' : 's'}.`,
      );
    }
  }
}

export function parseCsvText(bytes: Uint8Array, hints: ParseHints): ParsedStatement {
  refuseBinary(bytes);
  const { text, encoding } = decodeText(bytes, { hint: hints.encoding });
  if (text.trim() === '') throw new StatementError('empty', 'The file holds no text.');
  refuseLongLines(text);
  const out = new StatementBuilder('csv', encoding, hints);
  let mapping: CsvMapping;
  let table: Table;
  if (hints.csvMapping) {
    table = tokenize(text, hints.csvMapping.delimiter);
    mapping = { ...hints.csvMapping, dateOrder: hints.dateOrder ?? hints.csvMapping.dateOrder };
    checkMapping(
      mapping,
      table.rows.reduce((w, r) => Math.max(w, r.length), 0),
    );
  } else {
    const found = detect(text, {
      dateOrder: hints.dateOrder,
      digits: hints.currency ? minorDigits(hints.currency) : undefined,
    });
    table = found.table;
    const { detection } = found;
    if (detection.failure) throw new StatementError('unrecognised', detection.failure);
    mapping = detection.mapping;
    if (detection.ambiguousDates) {
      const order = mapping.dateOrder === 'dmy' ? 'day/month/year' : 'month/day/year';
      out.warn(
        `Every date in column ${mapping.date + 1} can be read day-first or month-first; they were read as ${order}. Set the date order if that is wrong.`,
      );
    }
  }
  const { rows } = table;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const headerRow = mapping.header ? (rows[mapping.skipRows] ?? []) : [];
  const columns = Array.from({ length: width }, (_, c) => clean(headerRow[c]) ?? `Column ${c + 1}`);
  out.csv = { mapping, columns };
  readRows(table, mapping, headerRow, out);
  return out.finish();
}

/** A currency code in a column name: "Bedrag (EUR)", "Amount EUR", "Betrag in CHF". */
function currencyInName(name: string | undefined): string | null {
  const words = name?.match(/\b[A-Za-z]{3}\b/g) ?? [];
  for (const w of words.reverse()) {
    if (w === w.toUpperCase()) {
      const code = currencyCode(w);
      if (code) return code;
    }
  }
  return null;
}

function readRows(
  table: Table,
  mapping: CsvMapping,
  headerRow: string[],
  out: StatementBuilder,
): void {
  const { rows, lines } = table;
  const start = mapping.skipRows + (mapping.header ? 1 : 0);
  const cell = (row: string[], c: number | null) => (c === null ? null : clean(row[c]));
  const minWidth =
    Math.max(
      mapping.date,
      ...(mapping.amount.kind === 'single'
        ? [mapping.amount.column]
        : [mapping.amount.debit, mapping.amount.credit]),
    ) + 1;

  const amountCells = (r: string[]) =>
    mapping.amount.kind === 'single'
      ? [r[mapping.amount.column] ?? '']
      : [r[mapping.amount.debit] ?? '', r[mapping.amount.credit] ?? ''];
  const markCurrency = currencyFromMarks(
    rows
      .slice(start, start + 200)
      .flatMap(amountCells)
      .filter((v) => v.trim() !== ''),
  );
  const amountNames = (
    mapping.amount.kind === 'single'
      ? [mapping.amount.column]
      : [mapping.amount.debit, mapping.amount.credit]
  ).map((c) => headerRow[c]);
  const statementCurrency =
    out.fallbackCurrency ??
    amountNames.map(currencyInName).find((c) => c !== null) ??
    currencyCode(markCurrency);
  if (!statementCurrency && mapping.currency === null) {
    out.warn(
      'The file does not say which currency its amounts are in; they were read with 2 decimal places. Choose the account (or its currency) to read them in its currency.',
    );
  }
  const statementDigits = minorDigits(statementCurrency);
  const debitValues = new Set(mapping.sign?.debitValues.map((v) => v.trim().toLowerCase()) ?? []);
  const decimal = mapping.decimalSeparator;
  const single = mapping.amount.kind === 'single' ? mapping.amount.column : -1;
  const [debitColumn, creditColumn] =
    mapping.amount.kind === 'debitCredit'
      ? [mapping.amount.debit, mapping.amount.credit]
      : [-1, -1];
  const noAmount = (row: string[]) => amountCells(row).every((v) => v.trim() === '');
  /** The magnitude in a debit or credit cell: 0 when empty, or why it cannot be read. */
  const side = (row: string[], c: number, currency: string | null): number | string => {
    const text = row[c] ?? '';
    if (text.trim() === '') return 0;
    const read = parseMinorUnits(text, decimal, currency);
    return read.ok ? Math.abs(read.minor) : `column ${c + 1}: ${read.reason}`;
  };

  const readDate = dateReader(mapping.dateOrder);
  // Rows after the last dated one are a footer (totals, closing balance): skipped, not errors.
  let lastDated = rows.length - 1;
  while (lastDated >= start && !readDate(rows[lastDated]?.[mapping.date] ?? '').ok) lastDated--;
  // With no dated row at all, nothing is a footer: every row is an error to show.
  if (lastDated < start) lastDated = rows.length;
  let accountKey: string | null = null;
  let account = 0;

  for (let i = start; i < rows.length; i++) {
    const row = rows[i];
    if (row === undefined || isBlank(row)) continue;
    const line = lines[i] ?? null;
    const dateText = row[mapping.date] ?? '';
    const date = readDate(dateText);
    if (
      !date.ok &&
      (i > lastDated || row.length < minWidth || (dateText.trim() === '' && noAmount(row)))
    ) {
      out.warn(
        `${where({ line })}: a row without a transaction date was skipped (${summary(row)}).`,
        { line, element: `row ${i + 1}` },
      );
      continue;
    }
    const currency =
      mapping.currency === null
        ? statementCurrency
        : (currencyCode(row[mapping.currency]) ?? statementCurrency);
    const problems: string[] = date.ok ? [] : [`column ${mapping.date + 1}: ${date.reason}`];
    const digits = currency === statementCurrency ? statementDigits : minorDigits(currency);
    let amountMinor: number | null = null;
    if (single >= 0) {
      const text = row[single] ?? '';
      let minor = plainMinorUnits(text, decimal, digits);
      if (minor === null) {
        const read = parseMinorUnits(text, decimal, currency);
        if (read.ok) minor = read.minor;
        else problems.push(`column ${single + 1}: ${read.reason}`);
      }
      if (minor !== null && mapping.sign) {
        const marker = (row[mapping.sign.column] ?? '').trim().toLowerCase();
        amountMinor = debitValues.has(marker) ? -Math.abs(minor) : Math.abs(minor);
      } else amountMinor = minor;
    } else if (noAmount(row)) {
      problems.push(`columns ${debitColumn + 1} and ${creditColumn + 1} hold no amount`);
    } else {
      const debit = side(row, debitColumn, currency);
      const credit = side(row, creditColumn, currency);
      if (typeof debit === 'string') problems.push(debit);
      if (typeof credit === 'string') problems.push(credit);
      if (typeof debit === 'number' && typeof credit === 'number') {
        amountMinor = credit - debit || 0;
      }
    }
    if (!date.ok || amountMinor === null) {
      out.reject(`${where({ line })}: the row was left out: ${problems.join('; ')}.`, {
        line,
        element: `row ${i + 1}`,
      });
      continue;
    }
    let balanceAfterMinor: number | null = null;
    if (mapping.balance !== null) {
      const balanceText = row[mapping.balance] ?? '';
      balanceAfterMinor = plainMinorUnits(balanceText, decimal, digits);
      if (balanceAfterMinor === null && balanceText.trim() !== '') {
        const read = parseMinorUnits(balanceText, decimal, currency);
        if (read.ok) balanceAfterMinor = read.minor;
      }
    }
    const accountText = cell(row, mapping.account);
    if (accountText !== accountKey || i === start) {
      accountKey = accountText;
      account = out.account(accountText ?? '', {
        number: accountText,
        iban: ibanOf(accountText),
        currency: mapping.currency === null ? statementCurrency : null,
      });
    }
    let memo: string | null = null;
    for (const c of mapping.memo) {
      const part = clean(row[c]);
      if (part !== null) memo = memo === null ? part : `${memo}; ${part}`;
    }
    out.push({
      account,
      date: date.date,
      valueDate: null,
      amountMinor,
      currency,
      payee: cell(row, mapping.payee),
      memo,
      externalId: cell(row, mapping.externalId),
      checkNumber: cell(row, mapping.checkNumber),
      categoryHint: cell(row, mapping.category),
      transferAccount: null,
      type: null,
      reversal: false,
      balanceAfterMinor,
      splits: [],
      line,
    });
  }
  closingBalance(out);
}

function isBlank(row: string[]): boolean {
  for (const c of row) if (c.trim() !== '') return false;
  return true;
}

/**
 * The running balance of the last transaction is the statement's closing balance — when the file
 * is in date order (either way round), so that "last" is known.
 */
function closingBalance(out: StatementBuilder): void {
  const rows = out.transactions.filter((t) => t.balanceAfterMinor !== null);
  if (rows.length === 0 || out.accounts.length !== 1) return;
  const ascending = rows.every((t, i) => i === 0 || t.date >= (rows[i - 1]?.date ?? t.date));
  const descending = rows.every((t, i) => i === 0 || t.date <= (rows[i - 1]?.date ?? t.date));
  if (!ascending && !descending) return;
  const last = ascending ? rows[rows.length - 1] : rows[0];
  if (!last || last.balanceAfterMinor === null) return;
  out.addBalance({
    account: last.account,
    kind: 'closing',
    code: 'running balance',
    date: last.date,
    amountMinor: last.balanceAfterMinor,
    currency: last.currency,
  });
}

function summary(row: string[]): string {
  const text = row
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(', ');
  return text.length > 60 ? `${text.slice(0, 60)}…` : text || 'empty';
}
