import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Recording money (DESIGN §9): change sets and the change log, split lines, transfers, accounts
// that open and archive, two-level categories, and the checks that keep them whole. The triggers
// that write the log and keep the totals exact come in the next two migrations.

const APP_ROLE = 'outlay_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One user action. `at` is the clock time it was opened (not the transaction's start), so
  // change sets opened in one transaction still sort in the order they happened.
  await sql`create table change_sets (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    actor_kind text not null check (actor_kind in ('user', 'token', 'job')),
    actor_id uuid,
    action text not null check (length(action) between 1 and 100),
    summary jsonb not null default '{}',
    undoes_id uuid,
    at timestamptz not null default clock_timestamp(),
    primary key (user_id, id),
    foreign key (user_id, undoes_id) references change_sets (user_id, id) on delete cascade
  )`.execute(db);
  await sql`create index change_sets_user_at_idx on change_sets (user_id, at desc, id desc)`.execute(
    db,
  );
  await sql`create index change_sets_user_undoes_idx on change_sets (user_id, undoes_id)
    where undoes_id is not null`.execute(db);

  // One row per row written, and written in bulk (a 10,000-row edit logs 10,000 rows in one
  // statement), so it carries no per-row work it can do without: no foreign keys (the trigger that
  // writes it checks, once per statement, that the change set is the rows' user's) and one index.
  // The key leads with the change set because that is how the log is read (a change set's rows,
  // in order); `id` alone is unique (an identity). Rows are `json`, not `jsonb`: written for every
  // row of every write and read back rarely, and `to_json` costs about half of `to_jsonb`.
  await sql`create table change_log (
    user_id uuid not null,
    id bigint generated always as identity,
    change_set_id uuid not null,
    table_name text not null,
    row_key jsonb not null,
    op text not null check (op in ('insert', 'update', 'delete')),
    before json,
    after json,
    at timestamptz not null default now(),
    primary key (user_id, change_set_id, id)
  )`.execute(db);

  // Transfers are two rows sharing transfer_id; a split transaction's category lives on its lines.
  await sql`alter table transactions
    add column split boolean not null default false,
    add column transfer_id uuid,
    add constraint transactions_split_uncategorized check (not split or category_id is null),
    add constraint transactions_transfer_unsplit check (not (split and transfer_id is not null))`.execute(
    db,
  );
  await sql`create index transactions_user_transfer_idx on transactions (user_id, transfer_id)
    where transfer_id is not null`.execute(db);
  // The covering index serves metrics from the index alone; the spend definition now also reads
  // whether a row is split or a transfer.
  await sql`create index transactions_user_date_cover_idx on transactions
    (user_id, occurred_on desc, id desc) include (amount_minor, category_id, split, transfer_id)`.execute(
    db,
  );
  await sql`drop index transactions_user_date_idx`.execute(db);
  await sql`alter index transactions_user_date_cover_idx rename to transactions_user_date_idx`.execute(
    db,
  );
  // No cascades and no SET NULL between user tables: removing an account or a category that rows
  // still use must fail, not take those rows (or their categories) with it. Undo relies on it.
  await sql`alter table transactions
    drop constraint transactions_account_fkey,
    drop constraint transactions_category_fkey,
    add constraint transactions_account_fkey
      foreign key (user_id, account_id) references accounts (user_id, id),
    add constraint transactions_category_fkey
      foreign key (user_id, category_id) references categories (user_id, id)`.execute(db);

  await sql`create table transaction_lines (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    transaction_id uuid not null,
    line_no integer not null check (line_no between 1 and 1000),
    category_id uuid,
    amount_minor bigint not null check (amount_minor <> 0),
    memo text,
    primary key (user_id, id),
    constraint transaction_lines_line_key unique (user_id, transaction_id, line_no),
    constraint transaction_lines_transaction_fkey
      foreign key (user_id, transaction_id) references transactions (user_id, id),
    constraint transaction_lines_category_fkey
      foreign key (user_id, category_id) references categories (user_id, id)
  )`.execute(db);
  await sql`create index transaction_lines_user_category_idx on transaction_lines (user_id, category_id)`.execute(
    db,
  );

  await sql`alter table accounts add column opened_on date, add column archived_at timestamptz`.execute(
    db,
  );
  await sql`create unique index accounts_user_name_key on accounts (user_id, lower(name))`.execute(
    db,
  );

  // Names are unique per user and parent (a "Fees" under Banking and one under Travel).
  await sql`drop index categories_user_name_key`.execute(db);
  await sql`create unique index categories_user_parent_name_key on categories
    (user_id, parent_id, lower(name)) nulls not distinct`.execute(db);

  // Transfers count as neither spend nor income, whatever their category: the totals keep them apart.
  for (const [table, period] of [
    ['daily_totals', 'day'],
    ['monthly_totals', 'month'],
  ] as const) {
    await sql`alter table ${sql.raw(table)} add column transfer boolean not null default false`.execute(
      db,
    );
    await sql`drop index ${sql.raw(`${table}_key`)}`.execute(db);
    await sql`create unique index ${sql.raw(`${table}_key`)} on ${sql.raw(table)}
      (user_id, ${sql.raw(period)}, category_id, sign, transfer) nulls not distinct`.execute(db);
  }

  // A split transaction has lines that add up to its amount; lines belong to split transactions
  // only. Checked at commit, because a transaction and its lines are written by separate statements.
  await sql`create function outlay_assert_split_whole(owner uuid, transaction uuid) returns void
  language plpgsql as $$
  declare
    parent record;
    line_count bigint;
    line_sum numeric;
  begin
    select split, amount_minor into parent from transactions where user_id = owner and id = transaction;
    if not found then
      return;
    end if;
    select count(*), coalesce(sum(amount_minor), 0) into line_count, line_sum
    from transaction_lines where user_id = owner and transaction_id = transaction;
    if parent.split and line_count = 0 then
      raise exception 'A split transaction needs lines' using errcode = '23514',
        constraint = 'transaction_lines_sum';
    elsif not parent.split and line_count > 0 then
      raise exception 'Only a split transaction has lines' using errcode = '23514',
        constraint = 'transaction_lines_sum';
    elsif parent.split and line_sum <> parent.amount_minor then
      raise exception 'The lines add up to %, not to the transaction''s %', line_sum, parent.amount_minor
        using errcode = '23514', constraint = 'transaction_lines_sum';
    end if;
  end $$`.execute(db);
  await sql`create function outlay_check_split_of_transaction() returns trigger
  language plpgsql as $$
  begin
    perform outlay_assert_split_whole(new.user_id, new.id);
    return null;
  end $$`.execute(db);
  await sql`create function outlay_check_split_of_line() returns trigger
  language plpgsql as $$
  begin
    if tg_op <> 'DELETE' then
      perform outlay_assert_split_whole(new.user_id, new.transaction_id);
    end if;
    if tg_op <> 'INSERT' then
      perform outlay_assert_split_whole(old.user_id, old.transaction_id);
    end if;
    return null;
  end $$`.execute(db);
  // WHEN keeps plain rows out of the queue: a bulk edit of unsplit rows queues no check at all.
  await sql`create constraint trigger transactions_split_whole_insert after insert on transactions
    deferrable initially deferred for each row when (new.split)
    execute function outlay_check_split_of_transaction()`.execute(db);
  await sql`create constraint trigger transactions_split_whole_update after update on transactions
    deferrable initially deferred for each row when (new.split or old.split)
    execute function outlay_check_split_of_transaction()`.execute(db);
  await sql`create constraint trigger transaction_lines_split_whole
    after insert or update or delete on transaction_lines
    deferrable initially deferred for each row execute function outlay_check_split_of_line()`.execute(
    db,
  );

  // A transfer is two rows: opposite non-zero amounts, two accounts, one date (or none left).
  await sql`create function outlay_assert_transfer_whole(owner uuid, transfer uuid) returns void
  language plpgsql as $$
  declare
    pair record;
  begin
    select count(*) as row_count, coalesce(sum(amount_minor), 0) as total,
      count(distinct account_id) as accounts, count(distinct occurred_on) as dates,
      coalesce(bool_or(amount_minor = 0), false) as has_zero
    into pair
    from transactions where user_id = owner and transfer_id = transfer;
    if pair.row_count = 0 then
      return;
    end if;
    if pair.row_count <> 2 or pair.total <> 0 or pair.has_zero or pair.accounts <> 2 or pair.dates <> 1 then
      raise exception 'A transfer is two rows on one date, out of one account and into another, with opposite amounts'
        using errcode = '23514', constraint = 'transactions_transfer_pair';
    end if;
  end $$`.execute(db);
  await sql`create function outlay_check_transfer() returns trigger
  language plpgsql as $$
  begin
    if tg_op <> 'DELETE' and new.transfer_id is not null then
      perform outlay_assert_transfer_whole(new.user_id, new.transfer_id);
    end if;
    if tg_op <> 'INSERT' and old.transfer_id is not null then
      perform outlay_assert_transfer_whole(old.user_id, old.transfer_id);
    end if;
    return null;
  end $$`.execute(db);
  await sql`create constraint trigger transactions_transfer_whole_insert after insert on transactions
    deferrable initially deferred for each row when (new.transfer_id is not null)
    execute function outlay_check_transfer()`.execute(db);
  await sql`create constraint trigger transactions_transfer_whole_update after update on transactions
    deferrable initially deferred for each row
    when (new.transfer_id is not null or old.transfer_id is not null)
    execute function outlay_check_transfer()`.execute(db);
  await sql`create constraint trigger transactions_transfer_whole_delete after delete on transactions
    deferrable initially deferred for each row when (old.transfer_id is not null)
    execute function outlay_check_transfer()`.execute(db);

  // Two levels: a group (no parent) holds categories, and a category in a group holds none.
  await sql`create function outlay_check_category_levels() returns trigger
  language plpgsql as $$
  begin
    if new.parent_id is null then
      return null;
    end if;
    if new.parent_id = new.id
      or exists (select 1 from categories where user_id = new.user_id and id = new.parent_id
        and parent_id is not null)
      or exists (select 1 from categories where user_id = new.user_id and parent_id = new.id) then
      raise exception 'Categories have two levels: a group holds categories, a category in a group holds none'
        using errcode = '23514', constraint = 'categories_two_levels';
    end if;
    return null;
  end $$`.execute(db);
  await sql`create constraint trigger categories_two_levels after insert or update of parent_id
    on categories deferrable initially deferred for each row
    execute function outlay_check_category_levels()`.execute(db);

  // The metrics cache's data version moves with lines too (migration 4's function).
  for (const [event, transition] of [
    ['insert', 'new table as new_rows'],
    ['update', 'old table as old_rows new table as new_rows'],
    ['delete', 'old table as old_rows'],
  ] as const) {
    await sql`create trigger ${sql.raw(`transaction_lines_data_version_${event}`)}
      after ${sql.raw(event)} on transaction_lines referencing ${sql.raw(transition)}
      for each statement execute function outlay_bump_data_version()`.execute(db);
  }

  // The same row-level security as every user-owned table (the security migration).
  for (const table of ['change_sets', 'change_log', 'transaction_lines']) {
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
  await sql`grant usage on all sequences in schema public to ${sql.raw(APP_ROLE)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.raw(`transaction_lines_data_version_${event}`)} on transaction_lines`.execute(
      db,
    );
  }
  await sql`drop trigger if exists categories_two_levels on categories`.execute(db);
  for (const name of [
    'transactions_split_whole_insert',
    'transactions_split_whole_update',
    'transactions_transfer_whole_insert',
    'transactions_transfer_whole_update',
    'transactions_transfer_whole_delete',
  ]) {
    await sql`drop trigger if exists ${sql.raw(name)} on transactions`.execute(db);
  }
  await sql`drop table if exists transaction_lines`.execute(db);
  for (const fn of [
    'outlay_check_category_levels()',
    'outlay_check_transfer()',
    'outlay_assert_transfer_whole(uuid, uuid)',
    'outlay_check_split_of_line()',
    'outlay_check_split_of_transaction()',
    'outlay_assert_split_whole(uuid, uuid)',
  ]) {
    await sql`drop function if exists ${sql.raw(fn)}`.execute(db);
  }
  for (const [table, period] of [
    ['daily_totals', 'day'],
    ['monthly_totals', 'month'],
  ] as const) {
    await sql`drop index ${sql.raw(`${table}_key`)}`.execute(db);
    await sql`alter table ${sql.raw(table)} drop column transfer`.execute(db);
    await sql`create unique index ${sql.raw(`${table}_key`)} on ${sql.raw(table)}
      (user_id, ${sql.raw(period)}, category_id, sign) nulls not distinct`.execute(db);
  }
  await sql`drop index categories_user_parent_name_key`.execute(db);
  await sql`create unique index categories_user_name_key on categories (user_id, lower(name))`.execute(
    db,
  );
  await sql`drop index accounts_user_name_key`.execute(db);
  await sql`alter table accounts drop column opened_on, drop column archived_at`.execute(db);
  await sql`alter table transactions
    drop constraint transactions_account_fkey,
    drop constraint transactions_category_fkey,
    add constraint transactions_account_fkey
      foreign key (user_id, account_id) references accounts (user_id, id) on delete cascade,
    add constraint transactions_category_fkey
      foreign key (user_id, category_id) references categories (user_id, id)
      on delete set null (category_id)`.execute(db);
  await sql`drop index transactions_user_date_idx`.execute(db);
  await sql`create index transactions_user_date_idx on transactions
    (user_id, occurred_on desc, id desc) include (amount_minor, category_id)`.execute(db);
  await sql`drop index transactions_user_transfer_idx`.execute(db);
  await sql`alter table transactions
    drop constraint transactions_split_uncategorized,
    drop constraint transactions_transfer_unsplit,
    drop column split,
    drop column transfer_id`.execute(db);
  await sql`drop table if exists change_log`.execute(db);
  await sql`drop table if exists change_sets`.execute(db);
}
