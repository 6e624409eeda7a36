import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { CurrencyCode, MinorUnits } from './money.ts';

/**
 * What `@outlay/importers` makes of a bank file: the vocabulary of the import flow. A parser turns
 * bytes into a `StatementParseResult`: either a `ParsedStatement` (which may hold zero
 * transactions, warnings, and entries it had to leave out) or a `StatementFailure` when the file
 * as a whole cannot be read.
 */

/** Input above this many bytes is refused before any work is done. */
export const MAX_STATEMENT_BYTES = 50 * 1024 * 1024;

/** Payees, memos and other texts are cut to this many characters (with a warning). */
export const MAX_STATEMENT_TEXT = 1000;

export const StatementFormat = z.enum(['csv', 'ofx', 'qif', 'camt']);
export type StatementFormat = z.infer<typeof StatementFormat>;

/** How a date such as 03/04/2020 is read: year-month-day, day-month-year or month-day-year. */
export const DateOrder = z.enum(['ymd', 'dmy', 'mdy']);
export type DateOrder = z.infer<typeof DateOrder>;

/** Character encodings the importers can read (WHATWG names, as `TextDecoder` takes them). */
export const TextEncoding = z.enum([
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-2',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-15',
  'windows-1250',
  'windows-1251',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'koi8-r',
  'shift_jis',
  'euc-jp',
  'iso-2022-jp',
  'euc-kr',
  'gb18030',
  'big5',
]);
export type TextEncoding = z.infer<typeof TextEncoding>;

const Text = z.string().max(MAX_STATEMENT_TEXT);
const Column = z.number().int().min(0).max(999);
const AccountIndex = z.number().int().min(0);

export const ParsedAccountType = z.enum([
  'checking',
  'savings',
  'moneyMarket',
  'creditLine',
  'creditCard',
  'cash',
  'investment',
  'other',
]);
export type ParsedAccountType = z.infer<typeof ParsedAccountType>;

/** An account the file speaks of. Transactions and balances point at it by its index. */
export const ParsedAccount = z.object({
  /** The account number as written (OFX ACCTID, CAMT IBAN or other id, CSV account column). */
  number: Text.nullable(),
  /** The IBAN, when the number is one (spaces removed, upper case). */
  iban: Text.nullable(),
  /** The bank's own identifier: OFX BANKID (routing number, sort code), CAMT servicer BIC. */
  institutionId: Text.nullable(),
  /** OFX BRANCHID. */
  branchId: Text.nullable(),
  /** A name for the account: QIF `!Account` N, CAMT `Acct/Nm`. */
  name: Text.nullable(),
  type: ParsedAccountType.nullable(),
  currency: CurrencyCode.nullable(),
});
export type ParsedAccount = z.infer<typeof ParsedAccount>;

export const BalanceKind = z.enum([
  'opening',
  'closing',
  'available',
  'interim',
  'forwardAvailable',
]);
export type BalanceKind = z.infer<typeof BalanceKind>;

/** A balance the bank states, on a date (end of that day). */
export const ParsedBalance = z.object({
  account: AccountIndex,
  kind: BalanceKind,
  /** Where it came from: `LEDGERBAL`, `AVAILBAL`, `OPBD`, `CLBD`, `running balance`, … */
  code: Text,
  date: IsoDate,
  amountMinor: MinorUnits,
  currency: CurrencyCode.nullable(),
});
export type ParsedBalance = z.infer<typeof ParsedBalance>;

/** The dates a statement says it covers (OFX `DTSTART`/`DTEND`, CAMT `FrToDt`). */
export const StatementPeriod = z.object({
  account: AccountIndex,
  from: IsoDate,
  to: IsoDate,
});
export type StatementPeriod = z.infer<typeof StatementPeriod>;

/** One line of a split transaction: a category or a transfer account, never both. */
export const ParsedSplit = z.object({
  categoryHint: Text.nullable(),
  transferAccount: Text.nullable(),
  amountMinor: MinorUnits,
  memo: Text.nullable(),
});
export type ParsedSplit = z.infer<typeof ParsedSplit>;

export const ParsedTransaction = z.object({
  /** Index into `ParsedStatement.accounts`. */
  account: AccountIndex,
  /** The booking (posted) date, as the bank wrote it: no time-zone shift. */
  date: IsoDate,
  /** The value date where the file gives one (CAMT `ValDt`). */
  valueDate: IsoDate.nullable(),
  /** Negative = money out of the account, positive = money in. */
  amountMinor: MinorUnits,
  /** Null only when neither the file nor the hints name a currency. */
  currency: CurrencyCode.nullable(),
  payee: Text.nullable(),
  memo: Text.nullable(),
  /** The bank's id of the transaction: OFX FITID, CAMT AcctSvcrRef or EndToEndId, a CSV id column. */
  externalId: Text.nullable(),
  checkNumber: Text.nullable(),
  /** A category name from the file (QIF `L`, a CSV category column), `:` separating levels. */
  categoryHint: Text.nullable(),
  /** The other account of a transfer (QIF `L[Account]`). */
  transferAccount: Text.nullable(),
  /** The bank's kind of transaction, lower case: OFX TRNTYPE (`pos`, `check`), CAMT bank code. */
  type: Text.nullable(),
  /** A return or reversal of an earlier booking (CAMT `RvslInd`). */
  reversal: z.boolean(),
  /** The running balance printed beside the row (CSV balance column). */
  balanceAfterMinor: MinorUnits.nullable(),
  /** Split lines; when present they add up to `amountMinor`. */
  splits: z.array(ParsedSplit),
  /** The line of the file the transaction starts on. */
  line: z.number().int().min(1).nullable(),
});
export type ParsedTransaction = z.infer<typeof ParsedTransaction>;

/** A warning, or an entry that was left out: where it is and what is wrong, in words. */
export const StatementIssue = z.object({
  line: z.number().int().min(1).nullable(),
  /** The element or entry, e.g. `STMTTRN`, `Stmt 2 › Ntry 3 › TxDtls 1`, `row 14`. */
  element: z.string().nullable(),
  /** A sentence a person can act on; it names the line or element itself. */
  message: z.string(),
});
export type StatementIssue = z.infer<typeof StatementIssue>;

export const CsvDelimiter = z.enum([',', ';', '\t', '|']);
export type CsvDelimiter = z.infer<typeof CsvDelimiter>;

export const CsvAmountColumns = z.discriminatedUnion('kind', [
  /** One amount column; its sign counts unless a sign column is mapped. */
  z.strictObject({ kind: z.literal('single'), column: Column }),
  /** Money out in one column, money in in another; signs written in them are ignored. */
  z.strictObject({ kind: z.literal('debitCredit'), debit: Column, credit: Column }),
]);
export type CsvAmountColumns = z.infer<typeof CsvAmountColumns>;

/** A column that says which way the money went (ING's `Af`/`Bij`); the amount is unsigned. */
export const CsvSignColumn = z.strictObject({
  column: Column,
  /** Values (case-insensitive) that mean money out; any other value means money in. */
  debitValues: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
});
export type CsvSignColumn = z.infer<typeof CsvSignColumn>;

/**
 * Which column of a CSV file holds what. Detected from the file, shown to the person, and passed
 * back as `ParseHints.csvMapping` (e.g. stored per account) to read the file exactly that way.
 * Columns are counted from 0.
 */
export const CsvMapping = z.strictObject({
  delimiter: CsvDelimiter,
  /** Rows before the header (or before the first transaction when there is no header). */
  skipRows: z.number().int().min(0).max(10_000),
  header: z.boolean(),
  date: Column,
  dateOrder: DateOrder,
  amount: CsvAmountColumns,
  sign: CsvSignColumn.nullable(),
  decimalSeparator: z.enum(['.', ',']),
  payee: Column.nullable(),
  /** Joined with "; " into the memo, empty cells left out. */
  memo: z.array(Column).max(20),
  balance: Column.nullable(),
  currency: Column.nullable(),
  externalId: Column.nullable(),
  checkNumber: Column.nullable(),
  category: Column.nullable(),
  /** An account number per row, for files that list several accounts. */
  account: Column.nullable(),
});
export type CsvMapping = z.infer<typeof CsvMapping>;

export const ParsedStatement = z.object({
  format: StatementFormat,
  /** `102`, `211` for OFX; `camt.053.001.02` for CAMT; null where the format has no versions. */
  formatVersion: z.string().max(40).nullable(),
  encoding: TextEncoding,
  accounts: z.array(ParsedAccount),
  balances: z.array(ParsedBalance),
  periods: z.array(StatementPeriod),
  transactions: z.array(ParsedTransaction),
  warnings: z.array(StatementIssue),
  /** Entries that were left out, each with the reason. */
  errors: z.array(StatementIssue),
  /** For CSV: the mapping used (detected or given) and the column names (header or `Column N`). */
  csv: z
    .object({ mapping: CsvMapping, columns: z.array(z.string().max(MAX_STATEMENT_TEXT)) })
    .nullable(),
});
export type ParsedStatement = z.infer<typeof ParsedStatement>;

export const StatementFailureCode = z.enum([
  /** No bytes, or only white space. */
  'empty',
  /** Above `MAX_STATEMENT_BYTES`. */
  'tooLarge',
  /** A binary file: PDF, spreadsheet, image, archive, random bytes. */
  'binary',
  /** Text, but none of the formats. */
  'unrecognised',
  /** The format is recognised but its structure is broken beyond reading (XML not well formed). */
  'malformed',
  /** XML with a document type declaration: entities are never expanded, so the file is refused. */
  'unsafeXml',
  /** The CSV mapping given as a hint does not fit the file. */
  'badMapping',
]);
export type StatementFailureCode = z.infer<typeof StatementFailureCode>;

export const StatementFailure = z.object({
  code: StatementFailureCode,
  message: z.string(),
  line: z.number().int().min(1).nullable(),
});
export type StatementFailure = z.infer<typeof StatementFailure>;

export const StatementParseResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), statement: ParsedStatement }),
  z.object({ ok: z.literal(false), error: StatementFailure }),
]);
export type StatementParseResult = z.infer<typeof StatementParseResult>;

/** What the caller knows better than the file. Every field is optional. */
export const ParseHints = z.strictObject({
  /** Skip detection and read the file as this format. */
  format: StatementFormat.optional(),
  /** The account's currency: used where the file names none (CSV, QIF, an empty OFX CURDEF). */
  currency: CurrencyCode.optional(),
  /** How to read ambiguous dates (CSV, QIF); overrides detection. */
  dateOrder: DateOrder.optional(),
  /** Flip every amount and balance: for card files that write charges as positive. */
  invertSigns: z.boolean().optional(),
  /** Read a CSV file with this mapping instead of detecting one. */
  csvMapping: CsvMapping.optional(),
  /** Decode the file with this encoding instead of detecting it. */
  encoding: TextEncoding.optional(),
});
export type ParseHints = z.infer<typeof ParseHints>;
