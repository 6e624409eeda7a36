import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// Bounds on how many categories and accounts one user may have (200 each, as many as one filter
// may name), so the lists and breakdowns that return one row per category or account stay
// bounded whatever path writes them. Checked once per statement after it inserts; the user's row
// is locked first, so two transactions adding at once take turns and cannot both slip under the
// bound. The refusal is a check_violation naming `<table>_per_user`, which the API answers as a
// 400 with its own message.

const MOST_PER_USER = 200;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function outlay_limit_rows_per_user() returns trigger
  language plpgsql as $$
  declare
    most constant bigint := tg_argv[0]::bigint;
    crowded uuid;
  begin
    perform 1 from users where id in (select user_id from new_rows) order by id for no key update;
    if tg_table_name = 'categories' then
      select c.user_id into crowded from categories c
      where c.user_id in (select user_id from new_rows)
      group by c.user_id having count(*) > most limit 1;
    else
      select a.user_id into crowded from accounts a
      where a.user_id in (select user_id from new_rows)
      group by a.user_id having count(*) > most limit 1;
    end if;
    if crowded is not null then
      raise exception 'a user may have at most % rows in %', most, tg_table_name
        using errcode = 'check_violation', constraint = tg_table_name || '_per_user';
    end if;
    return null;
  end $$`.execute(db);
  for (const table of ['categories', 'accounts']) {
    await sql`create trigger ${sql.raw(`${table}_per_user`)} after insert on ${sql.raw(table)}
      referencing new table as new_rows
      for each statement execute function outlay_limit_rows_per_user(${sql.lit(MOST_PER_USER)})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['categories', 'accounts']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_per_user`)} on ${sql.raw(table)}`.execute(
      db,
    );
  }
  await sql`drop function if exists outlay_limit_rows_per_user()`.execute(db);
}
