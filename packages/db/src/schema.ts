import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. Nullable columns are `T | null`, never optional.
 * `bigint` money and counts are parsed to JavaScript numbers (with a range check) by `createDb`.
 * `date` columns are read as `YYYY-MM-DD` strings: calendar dates, never shifted by a time zone.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type CalendarDate = ColumnType<string, string, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string;
  profile: 'practical' | 'social' | 'lifestyle' | null;
  home_currency: Generated<string>;
  role: Generated<'user' | 'admin'>;
  disabled_at: NullableTimestamp;
  created_at: DefaultedTimestamp;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  password_changed_at: DefaultedTimestamp;
  /** Moves with every change to the user's transactions, lines, categories or accounts. */
  data_version: Generated<number>;
}

export interface SessionsTable {
  user_id: string;
  id: Generated<string>;
  user_agent: string | null;
  ip: string | null;
  created_at: DefaultedTimestamp;
  last_used_at: DefaultedTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface CategoriesTable {
  user_id: string;
  id: Generated<string>;
  name: string;
  kind: 'expense' | 'income' | 'transfer';
  color: string;
  parent_id: string | null;
  archived: Generated<boolean>;
  created_at: DefaultedTimestamp;
}

export interface AccountsTable {
  user_id: string;
  id: Generated<string>;
  name: string;
  kind: 'checking' | 'savings' | 'credit' | 'cash';
  currency: string;
  opening_balance_minor: Generated<number>;
  opened_on: CalendarDate | null;
  archived_at: NullableTimestamp;
  created_at: DefaultedTimestamp;
}

export interface TransactionsTable {
  user_id: string;
  id: Generated<string>;
  account_id: string;
  occurred_on: CalendarDate;
  amount_minor: number;
  currency: string;
  category_id: string | null;
  payee: string | null;
  description: string | null;
  notes: string | null;
  external_id: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  /** True when the transaction has lines (`transaction_lines`); its own category is then null. */
  split: Generated<boolean>;
  /** Shared by the two rows of a transfer, which count as neither spend nor income. */
  transfer_id: string | null;
}

/** A line of a split transaction: its amounts sum to the transaction's (checked at commit). */
export interface TransactionLinesTable {
  user_id: string;
  id: Generated<string>;
  transaction_id: string;
  line_no: number;
  category_id: string | null;
  amount_minor: number;
  memo: string | null;
}

/**
 * A budget: an amount per period for one category (`category_id`) or a category and the
 * categories in it (`group_id`); exactly one is set.
 */
export interface BudgetsTable {
  user_id: string;
  id: Generated<string>;
  category_id: string | null;
  group_id: string | null;
  period: 'weekly' | 'monthly';
  amount_minor: number;
  starts_on: CalendarDate;
  ends_on: CalendarDate | null;
  rollover: Generated<'none' | 'unspent' | 'overspent' | 'both'>;
  created_at: DefaultedTimestamp;
}

export type ChangeSetActorKind = 'user' | 'token' | 'job';

/** One user action: every row it writes is logged under it by triggers (DESIGN §9). */
export interface ChangeSetsTable {
  user_id: string;
  id: Generated<string>;
  actor_kind: ChangeSetActorKind;
  actor_id: string | null;
  action: string;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
  undoes_id: string | null;
  at: DefaultedTimestamp;
  /**
   * The writing transaction's full id (`xid8`, as text), set by the database; null for change
   * sets older than the column. Undo's shortcut for "this row is as the change set left it".
   */
  xid: ColumnType<string | null, never, never>;
}

/** Written by triggers only: one row per inserted, updated or deleted row of a logged table. */
export interface ChangeLogTable {
  user_id: string;
  id: Generated<number>;
  change_set_id: string;
  table_name: string;
  row_key: ColumnType<Record<string, unknown>, string, string>;
  op: 'insert' | 'update' | 'delete';
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  at: DefaultedTimestamp;
}

export interface RefreshTokensTable {
  user_id: string;
  id: Generated<string>;
  session_id: string;
  token_hash: string;
  created_at: DefaultedTimestamp;
  used_at: NullableTimestamp;
}

export interface ApiTokensTable {
  user_id: string;
  id: Generated<string>;
  name: string;
  token_hash: string;
  scope: 'read' | 'write';
  created_at: DefaultedTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface RecoveryCodesTable {
  user_id: string;
  id: Generated<string>;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  user_id: string | null;
  actor_id: string | null;
  action: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  ip: string | null;
  at: DefaultedTimestamp;
}

/** Per-day totals of entries by category, sign and transfer, kept by triggers (read-only to code). */
export interface DailyTotalsTable {
  user_id: string;
  day: CalendarDate;
  category_id: string | null;
  sign: -1 | 0 | 1;
  /** Rows of transfers, which count as neither spend nor income. */
  transfer: Generated<boolean>;
  amount_sum: number;
  row_count: number;
}

/** Per-month totals, the same shape as `daily_totals` (kept by the same triggers). */
export interface MonthlyTotalsTable {
  user_id: string;
  month: CalendarDate;
  category_id: string | null;
  sign: -1 | 0 | 1;
  /** Rows of transfers, which count as neither spend nor income. */
  transfer: Generated<boolean>;
  amount_sum: number;
  row_count: number;
}

export type ImportClassification = 'new' | 'alreadyImported' | 'probable' | 'possible';
export type ImportDecision = 'insert' | 'merge' | 'skip';

/** One uploaded bank file and what became of it (DESIGN §10). Not logged: bookkeeping. */
export interface ImportBatchesTable {
  user_id: string;
  id: Generated<string>;
  account_id: string;
  file_name: string;
  file_size: number;
  format: 'csv' | 'ofx' | 'qif' | 'camt';
  format_version: string | null;
  encoding: string;
  /** The account number or IBAN the file names. */
  file_account: string | null;
  status: Generated<'preview' | 'committed'>;
  row_count: Generated<number>;
  new_count: Generated<number>;
  already_imported_count: Generated<number>;
  probable_count: Generated<number>;
  possible_count: Generated<number>;
  inserted_count: Generated<number>;
  merged_count: Generated<number>;
  skipped_count: Generated<number>;
  issues: ColumnType<unknown[], string | undefined, string>;
  warning_count: Generated<number>;
  error_count: Generated<number>;
  statement_balance_minor: number | null;
  statement_balance_on: CalendarDate | null;
  /** The user's data version when the preview was matched. */
  data_version: number;
  change_set_id: string | null;
  created_at: DefaultedTimestamp;
  committed_at: NullableTimestamp;
}

/** A row of an import preview: the file's row, its match and what the commit will do. */
export interface ImportRowsTable {
  user_id: string;
  batch_id: string;
  row_no: number;
  line: number | null;
  occurred_on: CalendarDate;
  amount_minor: number;
  payee: string | null;
  description: string | null;
  /** The bank's id, or a fingerprint (`fp:…`) for a row without one. */
  external_id: string;
  classification: Generated<ImportClassification>;
  match_id: string | null;
  confidence: Generated<number>;
  reason: Generated<string>;
  decision: Generated<ImportDecision>;
}

export interface RecurringItemsTable {
  user_id: string;
  id: Generated<string>;
  name: string;
  payee: string | null;
  /** Signed like a transaction: money out is negative. */
  amount_minor: number;
  /** An estimated amount: a payment within this much of `amount_minor` is this bill. */
  tolerance_minor: Generated<number>;
  account_id: string;
  category_id: string | null;
  /** The RFC 5545 RRULE value, without DTSTART (`starts_on` is the start). */
  rrule: string;
  starts_on: CalendarDate;
  /** Where an occurrence on a weekend moves: the Friday before or the Monday after. */
  shift: Generated<'none' | 'earlier' | 'later'>;
  priority: Generated<number>;
  notes: string | null;
  paused: Generated<boolean>;
  created_at: DefaultedTimestamp;
}

/** One occurrence of a recurring item. Due and overdue are derived from `due_on` and today. */
export interface DueItemsTable {
  user_id: string;
  id: Generated<string>;
  recurring_id: string;
  due_on: CalendarDate;
  amount_minor: number;
  status: Generated<'upcoming' | 'paid' | 'skipped'>;
  /** The transaction that paid it. */
  transaction_id: string | null;
  /** Its place among the items of its day, once a person has dragged it; null follows the series. */
  position: number | null;
  /** The day its schedule gave it, once a person moved it to `due_on`; null when not moved. */
  scheduled_on: CalendarDate | null;
  /** True once a person gave this occurrence its own amount: the series' amount no longer applies. */
  amount_edited: Generated<boolean>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  categories: CategoriesTable;
  accounts: AccountsTable;
  transactions: TransactionsTable;
  transaction_lines: TransactionLinesTable;
  change_sets: ChangeSetsTable;
  change_log: ChangeLogTable;
  refresh_tokens: RefreshTokensTable;
  api_tokens: ApiTokensTable;
  recovery_codes: RecoveryCodesTable;
  audit_log: AuditLogTable;
  daily_totals: DailyTotalsTable;
  monthly_totals: MonthlyTotalsTable;
  import_batches: ImportBatchesTable;
  import_rows: ImportRowsTable;
  budgets: BudgetsTable;
  recurring_items: RecurringItemsTable;
  due_items: DueItemsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type NewCategory = Insertable<CategoriesTable>;
export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type TransactionRow = Selectable<TransactionsTable>;
export type NewTransaction = Insertable<TransactionsTable>;
export type TransactionUpdate = Updateable<TransactionsTable>;
export type TransactionLineRow = Selectable<TransactionLinesTable>;
export type NewTransactionLine = Insertable<TransactionLinesTable>;
export type ChangeSetRow = Selectable<ChangeSetsTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
export type SessionRow = Selectable<SessionsTable>;
