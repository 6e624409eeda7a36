import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Importing bank files (DESIGN §10): an import batch and its preview rows, kept in the database
// rather than in a server's memory, so a preview survives a restart and any instance can commit
// it; and the bank id unique per account, so re-importing a file adds nothing even when two
// commits race.

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
    format text not null check (format in ('csv', 'ofx', 'qif', 'camt')),
    format_version text,
    encoding text not null,
    -- The account number or IBAN the file names: the next file naming it suggests this account.
    file_account text,
    status text not null default 'preview' check (status in ('preview', 'committed')),
    row_count integer not null default 0,
    new_count integer not null default 0,
    already_imported_count integer not null default 0,
    probable_count integer not null default 0,
    possible_count integer not null default 0,
    inserted_count integer not null default 0,
    merged_count integer not null default 0,
    skipped_count integer not null default 0,
    -- The parser's warnings and left-out entries (the first few hundred), as it gave them.
    issues jsonb not null default '[]',
    warning_count integer not null default 0,
    error_count integer not null default 0,
    statement_balance_minor bigint,
    statement_balance_on date,
    -- The user's data version when the preview matched: a commit after other changes is refused,
    -- since the matches it would apply may no longer hold.
    data_version bigint not null,
    change_set_id uuid,
    created_at timestamptz not null default now(),
    committed_at timestamptz,
    primary key (user_id, id),
    -- A preview belongs to its account; removing the account (undoing its creation) takes the
    -- previews with it. A committed batch's transactions block that removal anyway.
    foreign key (user_id, account_id) references accounts (user_id, id) on delete cascade,
    foreign key (user_id, change_set_id) references change_sets (user_id, id),
    check ((status = 'committed') = (change_set_id is not null))
  )`.execute(db);
  await sql`create index import_batches_user_created_idx on import_batches
    (user_id, created_at desc, id desc)`.execute(db);

  // The preview: every row of the file as it will be written, what matching found and what will
  // be done with it. Written in bulk, read in pages by row number, committed with INSERT … SELECT.
  await sql`create table import_rows (
    user_id uuid not null,
    batch_id uuid not null,
    row_no integer not null check (row_no >= 1),
    line integer,
    occurred_on date not null,
    amount_minor bigint not null,
    payee text,
    description text,
    -- The bank's id, or for a row without one a fingerprint of its content (fp:…).
    external_id text not null,
    classification text not null default 'new'
      check (classification in ('new', 'alreadyImported', 'probable', 'possible')),
    match_id uuid,
    confidence smallint not null default 100 check (confidence between 0 and 100),
    reason text not null default '',
    decision text not null default 'insert' check (decision in ('insert', 'merge', 'skip')),
    primary key (user_id, batch_id, row_no),
    foreign key (user_id, batch_id) references import_batches (user_id, id) on delete cascade,
    check (decision <> 'merge' or match_id is not null)
  )`.execute(db);
  await sql`create index import_rows_classification_idx on import_rows
    (user_id, batch_id, classification, row_no)`.execute(db);

  // The bank's id names one transaction of one account: a second insert of it fails, so two
  // commits of the same file cannot both add its rows, whatever they saw in their previews.
  await sql`create unique index transactions_account_external_key on transactions
    (user_id, account_id, external_id) where external_id is not null`.execute(db);
  // Matching reads an account's rows of one amount in a date window.
  await sql`create index transactions_user_account_amount_idx on transactions
    (user_id, account_id, amount_minor, occurred_on)`.execute(db);

  for (const table of ['import_batches', 'import_rows']) {
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
  await sql`drop index if exists transactions_user_account_amount_idx`.execute(db);
  await sql`drop index if exists transactions_account_external_key`.execute(db);
  await sql`drop table if exists import_rows`.execute(db);
  await sql`drop table if exists import_batches`.execute(db);
}
