/**
 * `schema.ts` describes the migrated database truthfully. TypeScript types do not exist at run time,
 * so the comparison goes through one description, `COLUMNS`, that is checked twice:
 * - at compile time against `Database` (`satisfies`): every table and column of the interface is
 *   described, nothing else is, and each description fits the column's TypeScript type (a
 *   `string` column is uuid, text, char or date; `T | null` exactly when nullable; optional on
 *   insert exactly when the database has a default, for a non-null column);
 * - at run time against the catalog of a freshly migrated database, on PGlite and PostgreSQL:
 *   every table and column the migrations made is described, with the same type, nullability
 *   and default.
 * A migration that adds a column therefore fails here until `schema.ts` and `COLUMNS` say what it
 * did; the failure's diff shows the description the catalog expects.
 */
import { sql, type InsertType, type SelectType } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './schema.ts';
import { createTestDb, type TestDb } from './testing.ts';

/** The catalog's `udt_name`s each TypeScript type may stand for (int8 is parsed to a number). */
type PgTypeOf<S> = [S] extends [boolean]
  ? 'bool'
  : [S] extends [number]
    ? 'int2' | 'int4' | 'int8'
    : [S] extends [Date]
      ? 'timestamptz'
      : [S] extends [string]
        ? 'uuid' | 'text' | 'bpchar' | 'varchar' | 'date' | 'numeric' | 'xid8'
        : [S] extends [object]
          ? 'jsonb' | 'json'
          : never;

/**
 * `<udt_name>[ | null][ = default]`. A nullable column is optional on insert whatever its
 * default, so only a non-null column's default is tied to its insert type.
 */
type Describe<C> =
  null extends SelectType<C>
    ? `${PgTypeOf<NonNullable<SelectType<C>>>} | null${'' | ' = default'}`
    : undefined extends InsertType<C>
      ? `${PgTypeOf<SelectType<C>>} = default`
      : PgTypeOf<SelectType<C>>;

type Description = {
  [T in keyof Database]: { [C in keyof Database[T]]-?: Describe<Database[T][C]> };
};

const COLUMNS = {
  users: {
    id: 'uuid = default',
    email: 'text',
    password_hash: 'text',
    display_name: 'text',
    profile: 'text | null',
    home_currency: 'bpchar = default',
    role: 'text = default',
    disabled_at: 'timestamptz | null',
    created_at: 'timestamptz = default',
    totp_secret: 'text | null',
    totp_enabled_at: 'timestamptz | null',
    password_changed_at: 'timestamptz = default',
    data_version: 'int8 = default',
  },
  sessions: {
    user_id: 'uuid',
    id: 'uuid = default',
    user_agent: 'text | null',
    ip: 'text | null',
    created_at: 'timestamptz = default',
    last_used_at: 'timestamptz = default',
    expires_at: 'timestamptz',
    revoked_at: 'timestamptz | null',
  },
  categories: {
    user_id: 'uuid',
    id: 'uuid = default',
    name: 'text',
    kind: 'text',
    color: 'text',
    parent_id: 'uuid | null',
    archived: 'bool = default',
    created_at: 'timestamptz = default',
  },
  accounts: {
    user_id: 'uuid',
    id: 'uuid = default',
    name: 'text',
    kind: 'text',
    currency: 'bpchar',
    opening_balance_minor: 'int8 = default',
    opened_on: 'date | null',
    archived_at: 'timestamptz | null',
    created_at: 'timestamptz = default',
  },
  transactions: {
    user_id: 'uuid',
    id: 'uuid = default',
    account_id: 'uuid',
    occurred_on: 'date',
    amount_minor: 'int8',
    currency: 'bpchar',
    category_id: 'uuid | null',
    payee: 'text | null',
    description: 'text | null',
    notes: 'text | null',
    external_id: 'text | null',
    created_at: 'timestamptz = default',
    updated_at: 'timestamptz = default',
    split: 'bool = default',
    transfer_id: 'uuid | null',
  },
  refresh_tokens: {
    user_id: 'uuid',
    id: 'uuid = default',
    session_id: 'uuid',
    token_hash: 'text',
    created_at: 'timestamptz = default',
    used_at: 'timestamptz | null',
  },
  api_tokens: {
    user_id: 'uuid',
    id: 'uuid = default',
    name: 'text',
    token_hash: 'text',
    scope: 'text',
    created_at: 'timestamptz = default',
    last_used_at: 'timestamptz | null',
    revoked_at: 'timestamptz | null',
  },
  recovery_codes: {
    user_id: 'uuid',
    id: 'uuid = default',
    code_hash: 'text',
    used_at: 'timestamptz | null',
  },
  audit_log: {
    id: 'int8 = default',
    user_id: 'uuid | null',
    actor_id: 'uuid | null',
    action: 'text',
    detail: 'jsonb = default',
    ip: 'text | null',
    at: 'timestamptz = default',
  },
  daily_totals: {
    user_id: 'uuid',
    day: 'date',
    category_id: 'uuid | null',
    sign: 'int2',
    transfer: 'bool = default',
    amount_sum: 'int8',
    row_count: 'int8',
  },
  monthly_totals: {
    user_id: 'uuid',
    month: 'date',
    category_id: 'uuid | null',
    sign: 'int2',
    transfer: 'bool = default',
    amount_sum: 'int8',
    row_count: 'int8',
  },
  transaction_lines: {
    user_id: 'uuid',
    id: 'uuid = default',
    transaction_id: 'uuid',
    line_no: 'int4',
    category_id: 'uuid | null',
    amount_minor: 'int8',
    memo: 'text | null',
  },
  change_sets: {
    user_id: 'uuid',
    id: 'uuid = default',
    actor_kind: 'text',
    actor_id: 'uuid | null',
    action: 'text',
    summary: 'jsonb = default',
    undoes_id: 'uuid | null',
    at: 'timestamptz = default',
    xid: 'xid8 | null = default',
  },
  change_log: {
    user_id: 'uuid',
    id: 'int8 = default',
    change_set_id: 'uuid',
    table_name: 'text',
    row_key: 'jsonb',
    op: 'text',
    before: 'json | null',
    after: 'json | null',
    at: 'timestamptz = default',
  },
  import_batches: {
    user_id: 'uuid',
    id: 'uuid = default',
    account_id: 'uuid',
    file_name: 'text',
    file_size: 'int4',
    format: 'text',
    format_version: 'text | null',
    encoding: 'text',
    file_account: 'text | null',
    status: 'text = default',
    row_count: 'int4 = default',
    new_count: 'int4 = default',
    already_imported_count: 'int4 = default',
    probable_count: 'int4 = default',
    possible_count: 'int4 = default',
    inserted_count: 'int4 = default',
    merged_count: 'int4 = default',
    skipped_count: 'int4 = default',
    issues: 'jsonb = default',
    warning_count: 'int4 = default',
    error_count: 'int4 = default',
    statement_balance_minor: 'int8 | null',
    statement_balance_on: 'date | null',
    data_version: 'int8',
    change_set_id: 'uuid | null',
    created_at: 'timestamptz = default',
    committed_at: 'timestamptz | null',
  },
  import_rows: {
    user_id: 'uuid',
    batch_id: 'uuid',
    row_no: 'int4',
    line: 'int4 | null',
    occurred_on: 'date',
    amount_minor: 'int8',
    payee: 'text | null',
    description: 'text | null',
    external_id: 'text',
    classification: 'text = default',
    match_id: 'uuid | null',
    confidence: 'int2 = default',
    reason: 'text = default',
    decision: 'text = default',
  },
  budgets: {
    user_id: 'uuid',
    id: 'uuid = default',
    category_id: 'uuid | null',
    group_id: 'uuid | null',
    period: 'text',
    amount_minor: 'int8',
    starts_on: 'date',
    ends_on: 'date | null',
    rollover: 'text = default',
    created_at: 'timestamptz = default',
  },
  recurring_items: {
    user_id: 'uuid',
    id: 'uuid = default',
    name: 'text',
    payee: 'text | null',
    amount_minor: 'int8',
    tolerance_minor: 'int8 = default',
    account_id: 'uuid',
    category_id: 'uuid | null',
    rrule: 'text',
    starts_on: 'date',
    shift: 'text = default',
    priority: 'int4 = default',
    notes: 'text | null',
    paused: 'bool = default',
    created_at: 'timestamptz = default',
  },
  due_items: {
    user_id: 'uuid',
    id: 'uuid = default',
    recurring_id: 'uuid',
    due_on: 'date',
    amount_minor: 'int8',
    status: 'text = default',
    transaction_id: 'uuid | null',
    position: 'int4 | null',
    scheduled_on: 'date | null',
    amount_edited: 'bool = default',
  },
} as const satisfies Description;

/** Kysely's own bookkeeping, not part of `Database`. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(() => testDb?.dispose());

describe('the Kysely schema (schema.ts)', () => {
  it('describes every table and column of the migrated database, with its type, nullability and default', async () => {
    const { rows } = await sql<{
      table: string;
      column: string;
      type: string;
      nullable: boolean;
      defaulted: boolean;
    }>`
      select c.table_name as "table", c.column_name as "column", c.udt_name as type,
        c.is_nullable = 'YES' as nullable,
        (c.column_default is not null or c.is_identity = 'YES') as defaulted
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    `.execute(testDb.db);
    const catalog: Record<string, Record<string, string>> = {};
    for (const row of rows) {
      if (MIGRATOR_TABLES.includes(row.table)) continue;
      catalog[row.table] ??= {};
      catalog[row.table]![row.column] =
        `${row.type}${row.nullable ? ' | null' : ''}${row.defaulted ? ' = default' : ''}`;
    }
    expect(Object.keys(catalog).length).toBeGreaterThan(0);
    expect(catalog).toEqual(COLUMNS);
  });
});
