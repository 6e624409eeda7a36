import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. Nullable columns are `T | null`, never optional.
 * `bigint` money and counts are parsed to JavaScript numbers (with a range check) by `createDb`.
 * `date` columns are read as `YYYY-MM-DD` strings: calendar dates, never shifted by a time zone.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CalendarDate = ColumnType<string, string, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string;
  profile: 'practical' | 'social' | 'lifestyle' | null;
  home_currency: Generated<string>;
  role: Generated<'user' | 'admin'>;
  disabled_at: Timestamp | null;
  created_at: Generated<Timestamp>;
}

export interface SessionsTable {
  user_id: string;
  id: Generated<string>;
  family_id: Generated<string>;
  token_hash: string | null;
  user_agent: string | null;
  ip: string | null;
  created_at: Generated<Timestamp>;
  last_used_at: Generated<Timestamp>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface CategoriesTable {
  user_id: string;
  id: Generated<string>;
  name: string;
  kind: 'expense' | 'income' | 'transfer';
  color: string;
  parent_id: string | null;
  archived: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface AccountsTable {
  user_id: string;
  id: Generated<string>;
  name: string;
  kind: 'checking' | 'savings' | 'credit' | 'cash';
  currency: string;
  opening_balance_minor: Generated<number>;
  created_at: Generated<Timestamp>;
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
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  categories: CategoriesTable;
  accounts: AccountsTable;
  transactions: TransactionsTable;
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
export type SessionRow = Selectable<SessionsTable>;
