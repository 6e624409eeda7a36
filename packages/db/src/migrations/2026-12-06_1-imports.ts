import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Importing bank files (DESIGN §10): an import batch and its preview rows (kept in the database,
// not in a server's memory, so a preview survives a restart and any instance can commit it), the
// bank id unique per account (re-importing a file is idempotent even when two commits race),
// the batch a transaction came from, CSV mapping presets per account, and categorisation rules.

const APP_ROLE = 'outlay_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One uploaded file. Bookkeeping of the import flow, not logged: the commit's change set is
  // what undo reverses, and whether a batch is undone is read from the change sets, so undoing
  // the undo (a redo) shows the batch as imported again.
  await sql`create table import_batches (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    account_id uuid not null,
    file_name text not null check (length(file_name) between 1 and 255),
    file_size integer not null check (file_size >= 0),
    file_sha256 text not null,
    format text not null check (format in ('csv', 'ofx', 'qif', 'camt')),
    format_version text,
    encoding text not null,
    status text not null default 'preview' check (status in ('preview', 'committed')),
    csv_mapping jsonb,
    hints jsonb not null default '{}',
    row_count integer not null default 0,
    new_count integer not null default 0,
    already_imported_count integer not null default 0,
    probable_count integer not null default 0,
    possible_count integer not null default 0,
    inserted_count integer not null default 0,
    merged_count integer not null default 0,
    skipped_count integer not null default 0,
    issues jsonb not null default '[]',
    warning_count integer not null default 0,
    error_count integer not null default 0,
    statement_balance_minor bigint,
    statement_balance_on date,
    data_version bigint not null,
    change_set_id uuid,
    created_at timestamptz not null default now(),
    committed_at timestamptz,
    primary key (user_id, id),
    -- A preview belongs to its account; removing the account (undoing its creation) takes the
    -- previews with it. A committed batch keeps its transactions, which block that removal.
    foreign key (user_id, account_id) references accounts (user_id, id) on delete cascade,
    foreign key (user_id, change_set_id) references change_sets (user_id, id)
  )`.execute(db);
  await sql`create index import_batches_user_created_idx on import_batches
    (user_id, created_at desc, id desc)`.execute(db);

  // The preview: every row the file holds, as it will be written, with what matching found and
  // what the person decided. Written in bulk and read in pages by row number.
  await sql`create table import_rows (
    user_id uuid not null,
    batch_id uuid not null,
    row_no integer not null check (row_no >= 1),
    line integer,
    occurred_on date not null,
    amount_minor bigint not null,
    currency char(3) not null,
    payee text,
    description text,
    external_id text,
    check_number text,
    category_hint text,
    splits jsonb,
    norm_payee text not null,
    classification text not null default 'new'
      check (classification in ('new', 'alreadyImported', 'probableMatch', 'possibleMatch')),
    match_id uuid,
    confidence smallint not null default 100 check (confidence between 0 and 100),
    reason text not null default '',
    decision text not null default 'new' check (decision in ('new', 'merge', 'skip')),
    target_id uuid,
    decided boolean not null default false,
    category_id uuid,
    rule_id uuid,
    rule_payee text,
    primary key (user_id, batch_id, row_no),
    foreign key (user_id, batch_id) references import_batches (user_id, id) on delete cascade,
    check ((decision = 'merge') = (target_id is not null))
  )`.execute(db);
  await sql`create index import_rows_classification_idx on import_rows
    (user_id, batch_id, classification, row_no)`.execute(db);

  // The bank's id names one transaction of one account: a second insert of it fails, so two
  // commits of the same file cannot both add its rows, whatever they saw in their previews.
  await sql`create unique index transactions_account_external_key on transactions
    (user_id, account_id, external_id) where external_id is not null`.execute(db);
  await sql`alter table transactions add column import_batch_id uuid,
    add constraint transactions_import_batch_fkey
      foreign key (user_id, import_batch_id) references import_batches (user_id, id)`.execute(db);
  await sql`create index transactions_user_import_batch_idx on transactions
    (user_id, import_batch_id) where import_batch_id is not null`.execute(db);
  // Matching reads an account's rows in a date window.
  await sql`create index transactions_user_account_date_idx on transactions
    (user_id, account_id, occurred_on) include (amount_minor)`.execute(db);

  // The CSV mapping a person confirmed for an account, offered the next time. A remembered
  // setting, not money: not logged, so undoing an import never fights over it.
  await sql`create table import_presets (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    account_id uuid not null,
    csv_mapping jsonb not null,
    hints jsonb not null default '{}',
    updated_at timestamptz not null default now(),
    primary key (user_id, id),
    unique (user_id, account_id),
    foreign key (user_id, account_id) references accounts (user_id, id) on delete cascade
  )`.execute(db);

  // Categorisation rules: when the payee equals / contains / matches a wildcard pattern (and,
  // optionally, the amount is in a range and the account is this one), set a category and/or
  // rename the payee. The first rule by position wins. A domain table: logged and undoable.
  await sql`create table category_rules (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    position integer not null default 0,
    payee_operator text not null check (payee_operator in ('equals', 'contains', 'matches')),
    payee_pattern text not null check (length(payee_pattern) between 1 and 200),
    min_amount_minor bigint check (min_amount_minor >= 0),
    max_amount_minor bigint check (max_amount_minor >= 0),
    account_id uuid,
    set_category_id uuid,
    set_payee text check (length(set_payee) between 1 and 200),
    created_at timestamptz not null default now(),
    primary key (user_id, id),
    check (set_category_id is not null or set_payee is not null),
    check (min_amount_minor is null or max_amount_minor is null or min_amount_minor <= max_amount_minor),
    foreign key (user_id, account_id) references accounts (user_id, id),
    foreign key (user_id, set_category_id) references categories (user_id, id)
  )`.execute(db);
  await sql`create index category_rules_user_position_idx on category_rules (user_id, position, created_at)`.execute(
    db,
  );
  await sql`select outlay_log_changes('category_rules'::regclass)`.execute(db);
  // Rules change what metrics show only through the rows they categorise, so they leave the
  // data version alone.

  for (const table of ['import_batches', 'import_rows', 'import_presets', 'category_rules']) {
    const t = sql.raw(table);
    await sql`grant select, insert, update, delete on ${t} to ${sql.raw(APP_ROLE)}`.execute(db);
    await sql`alter table ${t} enable row level security`.execute(db);
    await sql`alter table ${t} force row level security`.execute(db);
    await sql`create policy ${sql.raw(`${table}_own_rows`)} on ${t} to ${sql.raw(APP_ROLE)}
      using (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))
      with check (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))`.execute(
      db,
    );
    await sql`create policy ${sql.raw(`${table}_owner`)} on ${t} to current_user
      using (true) with check (true)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const suffix of ['change_log_insert', 'change_log_update', 'change_log_delete', 'keep_keys']) {
    await sql`drop trigger if exists ${sql.raw(`category_rules_${suffix}`)} on category_rules`.execute(
      db,
    );
  }
  await sql`drop table if exists category_rules`.execute(db);
  await sql`drop table if exists import_presets`.execute(db);
  await sql`drop index if exists transactions_user_account_date_idx`.execute(db);
  await sql`drop index if exists transactions_user_import_batch_idx`.execute(db);
  await sql`alter table transactions drop constraint if exists transactions_import_batch_fkey,
    drop column if exists import_batch_id`.execute(db);
  await sql`drop index if exists transactions_account_external_key`.execute(db);
  await sql`drop table if exists import_rows`.execute(db);
  await sql`drop table if exists import_batches`.execute(db);
}
