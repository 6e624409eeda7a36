import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Every user-owned table is keyed (user_id, id) and references other user-owned rows through
// composite foreign keys, so no row can point at another user's row and every table can be
// distributed by user_id without a schema change.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) =>
      c.check(sql`profile in ('practical', 'social', 'lifestyle')`),
    )
    .addColumn('home_currency', 'char(3)', (c) => c.notNull().defaultTo('USD'))
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('user')
        .check(sql`role in ('user', 'admin')`),
    )
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addPrimaryKeyConstraint('sessions_pkey', ['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(trim(name)) between 1 and 100`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('expense', 'income', 'transfer')`),
    )
    .addColumn('color', 'text', (c) => c.notNull().check(sql`color ~ '^#[0-9a-fA-F]{6}$'`))
    .addColumn('parent_id', 'uuid')
    .addColumn('archived', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('categories_pkey', ['user_id', 'id'])
    .addForeignKeyConstraint('categories_parent_fkey', ['user_id', 'parent_id'], 'categories', [
      'user_id',
      'id',
    ])
    .execute();
  await sql`create unique index categories_user_name_key on categories (user_id, lower(name))`.execute(
    db,
  );

  await db.schema
    .createTable('accounts')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(trim(name)) between 1 and 100`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('checking', 'savings', 'credit', 'cash')`),
    )
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('opening_balance_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accounts_pkey', ['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('transactions')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('category_id', 'uuid')
    .addColumn('payee', 'text')
    .addColumn('description', 'text')
    .addColumn('notes', 'text')
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('transactions_pkey', ['user_id', 'id'])
    .addForeignKeyConstraint(
      'transactions_account_fkey',
      ['user_id', 'account_id'],
      'accounts',
      ['user_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // Kysely's builder has no column list for ON DELETE SET NULL: only category_id may be nulled,
  // user_id must stay.
  await sql`alter table transactions add constraint transactions_category_fkey
    foreign key (user_id, category_id) references categories (user_id, id)
    on delete set null (category_id)`.execute(db);

  // Serves date-range metrics from the index alone, and keyset pagination by date.
  await sql`create index transactions_user_date_idx on transactions
    (user_id, occurred_on desc, id desc) include (amount_minor, category_id)`.execute(db);
  // Keyset pagination by amount.
  await sql`create index transactions_user_amount_idx on transactions
    (user_id, amount_minor, id)`.execute(db);
  await sql`create index transactions_user_category_idx on transactions (user_id, category_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['transactions', 'accounts', 'categories', 'sessions', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
