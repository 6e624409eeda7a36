/**
 * What every format's parser shares: collecting accounts (one per distinct account of the file),
 * balances, transactions, warnings and rejected entries, and the finishing rules that hold for all
 * formats — `invertSigns`, the text-length cap, bounded issue lists, and a warning when one bank
 * id names several transactions (matching by bank id would otherwise take the second for a
 * re-import of the first).
 */
import {
  MAX_STATEMENT_TEXT,
  type CurrencyCode,
  type ParseHints,
  type ParsedAccount,
  type ParsedBalance,
  type ParsedStatement,
  type ParsedTransaction,
  type StatementPeriod,
  type StatementFormat,
  type StatementIssue,
  type TextEncoding,
} from '@outlay/contracts';

/** Each list of issues keeps this many; the rest are counted in one closing line. */
const MAX_ISSUES = 500;

export interface IssueAt {
  line?: number | null;
  element?: string | null;
}

class IssueList {
  readonly items: StatementIssue[] = [];
  private dropped = 0;

  add(message: string, at: IssueAt = {}): void {
    if (this.items.length >= MAX_ISSUES) {
      this.dropped++;
      return;
    }
    this.items.push({ line: at.line ?? null, element: at.element ?? null, message });
  }

  finish(what: string): StatementIssue[] {
    if (this.dropped === 0) return this.items;
    return [
      ...this.items,
      { line: null, element: null, message: `… and ${this.dropped} more ${what}.` },
    ];
  }
}

export type NewTransaction = Omit<
  ParsedTransaction,
  | 'valueDate'
  | 'checkNumber'
  | 'categoryHint'
  | 'transferAccount'
  | 'type'
  | 'reversal'
  | 'balanceAfterMinor'
  | 'splits'
  | 'externalId'
  | 'payee'
  | 'memo'
> &
  Partial<ParsedTransaction>;

/** "Line 12: …" or "STMTTRN: …", for messages that name where they are. */
export function where(at: IssueAt): string {
  if (at.line) return `Line ${at.line}${at.element ? ` (${at.element})` : ''}`;
  return at.element ?? 'The file';
}

export class StatementBuilder {
  readonly accounts: ParsedAccount[] = [];
  readonly balances: ParsedBalance[] = [];
  readonly periods: StatementPeriod[] = [];
  readonly transactions: ParsedTransaction[] = [];
  private readonly warnings = new IssueList();
  private readonly errors = new IssueList();
  private readonly accountKeys = new Map<string, number>();
  formatVersion: string | null = null;
  csv: ParsedStatement['csv'] = null;

  constructor(
    readonly format: StatementFormat,
    readonly encoding: TextEncoding,
    readonly hints: ParseHints,
  ) {}

  /** The account's index; the same key gives the same account. */
  account(key: string, account: Partial<ParsedAccount>): number {
    const known = this.accountKeys.get(key);
    if (known !== undefined) return known;
    const index = this.accounts.length;
    this.accounts.push({
      number: null,
      iban: null,
      institutionId: null,
      branchId: null,
      name: null,
      type: null,
      currency: null,
      ...account,
    });
    this.accountKeys.set(key, index);
    return index;
  }

  warn(message: string, at?: IssueAt): void {
    this.warnings.add(message, at);
  }

  /** An entry that was left out, and why. */
  reject(message: string, at?: IssueAt): void {
    this.errors.add(message, at);
  }

  get rejectedCount(): number {
    return this.errors.items.length;
  }

  addBalance(balance: ParsedBalance): void {
    this.balances.push(balance);
  }

  addTransaction(t: NewTransaction): void {
    this.transactions.push({
      valueDate: null,
      payee: null,
      memo: null,
      externalId: null,
      checkNumber: null,
      categoryHint: null,
      transferAccount: null,
      type: null,
      reversal: false,
      balanceAfterMinor: null,
      splits: [],
      ...t,
    });
  }

  /** Adds a transaction given in full (the CSV reader's fast path). */
  push(t: ParsedTransaction): void {
    this.transactions.push(t);
  }

  /** The hint's currency, used where the file names none. */
  get fallbackCurrency(): CurrencyCode | null {
    return this.hints.currency ?? null;
  }

  finish(): ParsedStatement {
    let cut = 0;
    const clip = (s: string | null): string | null => {
      if (s === null || s.length <= MAX_STATEMENT_TEXT) return s;
      cut++;
      return `${s.slice(0, MAX_STATEMENT_TEXT - 1)}…`;
    };
    const long = (s: string | null) => s !== null && s.length > MAX_STATEMENT_TEXT;
    const invert = this.hints.invertSigns === true;
    const flip = invert ? (n: number) => (n === 0 ? 0 : -n) : (n: number) => n;
    const seen = this.accounts.map(() => new Map<string, number>());
    let repeated = 0;
    // One pass; fields are only written when they change (a 100,000-row file stays cheap).
    for (const t of this.transactions) {
      if (invert) {
        t.amountMinor = flip(t.amountMinor);
        if (t.balanceAfterMinor !== null) t.balanceAfterMinor = flip(t.balanceAfterMinor);
      }
      if (long(t.payee)) t.payee = clip(t.payee);
      if (long(t.memo)) t.memo = clip(t.memo);
      if (long(t.externalId)) t.externalId = clip(t.externalId);
      if (long(t.checkNumber)) t.checkNumber = clip(t.checkNumber);
      if (long(t.categoryHint)) t.categoryHint = clip(t.categoryHint);
      if (long(t.transferAccount)) t.transferAccount = clip(t.transferAccount);
      if (long(t.type)) t.type = clip(t.type);
      for (const s of t.splits) {
        s.amountMinor = flip(s.amountMinor);
        s.memo = clip(s.memo);
        s.categoryHint = clip(s.categoryHint);
        s.transferAccount = clip(s.transferAccount);
      }
      const ids = seen[t.account];
      if (t.externalId !== null && ids) {
        const first = ids.get(t.externalId);
        if (first === undefined) ids.set(t.externalId, t.line ?? 0);
        else if (repeated++ < 20) {
          this.warn(
            `${where({ line: t.line })}: the bank id "${t.externalId}" was already used by the transaction on line ${first}; matching by bank id cannot tell these two apart.`,
            { line: t.line },
          );
        }
      }
    }
    for (const b of this.balances) b.amountMinor = flip(b.amountMinor);
    for (const a of this.accounts) {
      a.number = clip(a.number);
      a.iban = clip(a.iban);
      a.institutionId = clip(a.institutionId);
      a.branchId = clip(a.branchId);
      a.name = clip(a.name);
    }
    if (cut > 0) {
      this.warn(
        `${cut} text field${cut === 1 ? ' was' : 's were'} longer than ${MAX_STATEMENT_TEXT} characters and ${cut === 1 ? 'was' : 'were'} shortened.`,
      );
    }
    return {
      format: this.format,
      formatVersion: this.formatVersion,
      encoding: this.encoding,
      accounts: this.accounts,
      balances: this.balances,
      periods: this.periods,
      transactions: this.transactions,
      warnings: this.warnings.finish('warnings'),
      errors: this.errors.finish('entries left out'),
      csv: this.csv,
    };
  }
}

/** Trims; empty becomes null. */
export function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}
