import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Per-day and per-month rollups of transactions, kept exact by triggers, so metrics over years of
// history aggregate a few hundred rows instead of every transaction: whole months come from
// monthly_totals, the partial months at the ends of a range from daily_totals. Both are bounded
// by periods × categories × 3 signs per user, however many transactions there are. Queries that
// filter on something the rollups do not keep (amount, text, account) read the transactions.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table daily_totals (
    user_id uuid not null references users (id) on delete cascade,
    day date not null,
    category_id uuid,
    sign smallint not null check (sign in (-1, 0, 1)),
    amount_sum bigint not null,
    row_count bigint not null
  )`.execute(db);
  // No foreign key to categories: the rollup is derived data. When a category is deleted, the
  // transactions' category_id is set to null, and their update trigger moves the totals.
  await sql`create unique index daily_totals_key on daily_totals
    (user_id, day, category_id, sign) nulls not distinct`.execute(db);

  await sql`create table monthly_totals (
    user_id uuid not null references users (id) on delete cascade,
    month date not null check (extract(day from month) = 1),
    category_id uuid,
    sign smallint not null check (sign in (-1, 0, 1)),
    amount_sum bigint not null,
    row_count bigint not null
  )`.execute(db);
  await sql`create unique index monthly_totals_key on monthly_totals
    (user_id, month, category_id, sign) nulls not distinct`.execute(db);

  await sql`create function outlay_apply_daily_totals() returns trigger
  language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      insert into daily_totals as d (user_id, day, category_id, sign, amount_sum, row_count)
      select user_id, occurred_on, category_id, sign(amount_minor)::smallint, -sum(amount_minor), -count(*)
      from old_rows group by 1, 2, 3, 4
      on conflict (user_id, day, category_id, sign) do update
        set amount_sum = d.amount_sum + excluded.amount_sum, row_count = d.row_count + excluded.row_count;
      insert into monthly_totals as m (user_id, month, category_id, sign, amount_sum, row_count)
      select user_id, date_trunc('month', occurred_on::timestamp)::date, category_id,
        sign(amount_minor)::smallint, -sum(amount_minor), -count(*)
      from old_rows group by 1, 2, 3, 4
      on conflict (user_id, month, category_id, sign) do update
        set amount_sum = m.amount_sum + excluded.amount_sum, row_count = m.row_count + excluded.row_count;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into daily_totals as d (user_id, day, category_id, sign, amount_sum, row_count)
      select user_id, occurred_on, category_id, sign(amount_minor)::smallint, sum(amount_minor), count(*)
      from new_rows group by 1, 2, 3, 4
      on conflict (user_id, day, category_id, sign) do update
        set amount_sum = d.amount_sum + excluded.amount_sum, row_count = d.row_count + excluded.row_count;
      insert into monthly_totals as m (user_id, month, category_id, sign, amount_sum, row_count)
      select user_id, date_trunc('month', occurred_on::timestamp)::date, category_id,
        sign(amount_minor)::smallint, sum(amount_minor), count(*)
      from new_rows group by 1, 2, 3, 4
      on conflict (user_id, month, category_id, sign) do update
        set amount_sum = m.amount_sum + excluded.amount_sum, row_count = m.row_count + excluded.row_count;
    end if;
    return null;
  end $$`.execute(db);
  // One statement-level trigger per event: transition tables cannot serve several events.
  await sql`create trigger transactions_daily_totals_insert after insert on transactions
    referencing new table as new_rows for each statement execute function outlay_apply_daily_totals()`.execute(
    db,
  );
  await sql`create trigger transactions_daily_totals_update after update on transactions
    referencing old table as old_rows new table as new_rows
    for each statement execute function outlay_apply_daily_totals()`.execute(db);
  await sql`create trigger transactions_daily_totals_delete after delete on transactions
    referencing old table as old_rows for each statement execute function outlay_apply_daily_totals()`.execute(
    db,
  );

  await sql`insert into daily_totals (user_id, day, category_id, sign, amount_sum, row_count)
    select user_id, occurred_on, category_id, sign(amount_minor)::smallint, sum(amount_minor), count(*)
    from transactions group by 1, 2, 3, 4`.execute(db);
  await sql`insert into monthly_totals (user_id, month, category_id, sign, amount_sum, row_count)
    select user_id, date_trunc('month', occurred_on::timestamp)::date, category_id,
      sign(amount_minor)::smallint, sum(amount_minor), count(*)
    from transactions group by 1, 2, 3, 4`.execute(db);

  // User-owned like every other table: the same row-level security as the security migration.
  for (const table of ['daily_totals', 'monthly_totals']) {
    const t = sql.raw(table);
    await sql`grant select, insert, update, delete on ${t} to outlay_app`.execute(db);
    await sql`alter table ${t} enable row level security`.execute(db);
    await sql`alter table ${t} force row level security`.execute(db);
    await sql`create policy ${sql.raw(`${table}_own_rows`)} on ${t} to outlay_app
      using (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))
      with check (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))`.execute(
      db,
    );
    await sql`create policy ${sql.raw(`${table}_owner`)} on ${t} to current_user
      using (true) with check (true)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql`drop trigger if exists ${sql.raw(`transactions_daily_totals_${event}`)} on transactions`.execute(
      db,
    );
  }
  await sql`drop function if exists outlay_apply_daily_totals()`.execute(db);
  await sql`drop table if exists daily_totals`.execute(db);
  await sql`drop table if exists monthly_totals`.execute(db);
}
