import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Recurring items and their due items (DESIGN §12): a bill or subscription with an RFC 5545 rule,
// and its occurrences materialised for a horizon. Both are user data like transactions: keyed
// (user_id, id), private by row-level security, and written only inside change sets (the log's
// triggers), so History describes every change and undo reverts it.

const APP_ROLE = 'outlay_app';
const TABLES = ['recurring_items', 'due_items'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table recurring_items (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    name text not null check (length(name) between 1 and 100),
    payee text check (length(payee) between 1 and 200),
    -- Signed like a transaction: money out is negative.
    amount_minor bigint not null check (amount_minor <> 0),
    -- An estimated amount: a payment within this much of amount_minor is this bill.
    tolerance_minor bigint not null default 0 check (tolerance_minor >= 0),
    account_id uuid not null,
    category_id uuid,
    -- The RFC 5545 RRULE value (no DTSTART: starts_on is the start), checked by the API.
    rrule text not null check (length(rrule) between 1 and 500),
    starts_on date not null,
    -- An occurrence on a Saturday or Sunday moves to the Friday before or the Monday after.
    shift text not null default 'none' check (shift in ('none', 'earlier', 'later')),
    -- Among items due the same day, lower first.
    priority integer not null default 0,
    notes text check (length(notes) <= 2000),
    paused boolean not null default false,
    created_at timestamptz not null default now(),
    primary key (user_id, id),
    -- NO ACTION, like every reference between user tables: undo relies on nothing vanishing.
    foreign key (user_id, account_id) references accounts (user_id, id),
    foreign key (user_id, category_id) references categories (user_id, id)
  )`.execute(db);

  // One row per occurrence. Only what a person decides is stored (paid, skipped, the order);
  // due and overdue follow from the date and today, so they are never stale.
  await sql`create table due_items (
    user_id uuid not null,
    id uuid not null default gen_random_uuid(),
    recurring_id uuid not null,
    due_on date not null,
    amount_minor bigint not null,
    status text not null default 'upcoming' check (status in ('upcoming', 'paid', 'skipped')),
    transaction_id uuid,
    -- The place a person dragged it to among the items of its day; null follows the series.
    position integer,
    primary key (user_id, id),
    foreign key (user_id, recurring_id) references recurring_items (user_id, id),
    foreign key (user_id, transaction_id) references transactions (user_id, id),
    check (transaction_id is null or status = 'paid')
  )`.execute(db);
  // One occurrence per day of a series: generation is an idempotent upsert on this key.
  await sql`create unique index due_items_recurring_due_key on due_items
    (user_id, recurring_id, due_on)`.execute(db);
  // The Upcoming view reads a user's items by date range.
  await sql`create index due_items_user_due_idx on due_items (user_id, due_on)`.execute(db);
  // Deleting a transaction finds the due item it paid.
  await sql`create index due_items_transaction_idx on due_items (user_id, transaction_id)
    where transaction_id is not null`.execute(db);

  for (const table of TABLES) {
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
    await sql`select outlay_log_changes(${table}::regclass)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists due_items`.execute(db);
  await sql`drop table if exists recurring_items`.execute(db);
}
