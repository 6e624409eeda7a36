import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Budgets (DESIGN §11): an amount per category or category group, weekly or monthly, from a start
// date, optionally to an end date, with an optional rollover. Keyed, secured and logged like every
// user-owned table, so a budget edit is a change set that History describes and undo reverts.

const APP_ROLE = 'outlay_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  // `category_id`: the spend of that one category. `group_id`: the spend of a category and the
  // categories in it (a group). Exactly one is set. No cascades, as between every user table: a
  // category a budget uses cannot vanish under it (delete refuses; merge moves the budget first).
  await sql`create table budgets (
    user_id uuid not null references users (id) on delete cascade,
    id uuid not null default gen_random_uuid(),
    category_id uuid,
    group_id uuid,
    period text not null check (period in ('weekly', 'monthly')),
    amount_minor bigint not null check (amount_minor > 0),
    starts_on date not null,
    ends_on date,
    rollover text not null default 'none' check (rollover in ('none', 'unspent', 'overspent', 'both')),
    created_at timestamptz not null default now(),
    primary key (user_id, id),
    foreign key (user_id, category_id) references categories (user_id, id),
    foreign key (user_id, group_id) references categories (user_id, id),
    constraint budgets_one_target check ((category_id is null) <> (group_id is null)),
    constraint budgets_dates check (ends_on is null or ends_on >= starts_on)
  )`.execute(db);
  // Foreign keys are checked from the category's side when a category is deleted or merged.
  await sql`create index budgets_user_category_idx on budgets (user_id, category_id)
    where category_id is not null`.execute(db);
  await sql`create index budgets_user_group_idx on budgets (user_id, group_id)
    where group_id is not null`.execute(db);

  const t = sql.raw('budgets');
  await sql`grant select, insert, update, delete on ${t} to ${sql.raw(APP_ROLE)}`.execute(db);
  await sql`alter table ${t} enable row level security`.execute(db);
  await sql`alter table ${t} force row level security`.execute(db);
  await sql`create policy budgets_own_rows on ${t} to ${sql.raw(APP_ROLE)}
    using (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))
    with check (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))`.execute(
    db,
  );
  await sql`create policy budgets_owner on ${t} to current_user using (true) with check (true)`.execute(
    db,
  );
  await sql`select outlay_log_changes('budgets'::regclass)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists budgets`.execute(db);
}
