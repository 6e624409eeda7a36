import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// A per-user counter that moves with every committed change to what metrics read (transactions,
// categories, accounts), so any server instance can tell whether a result it computed earlier
// for that user is still current: it reads the counter in the same statement that authenticates
// the request. Kept by triggers, so no write path can forget it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column data_version bigint not null default 0`.execute(db);

  // Statement-level on transactions (imports and the bulk generator write thousands of rows in
  // one statement): each affected user's counter moves once per statement.
  await sql`create function outlay_bump_data_version() returns trigger
  language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      update users set data_version = data_version + 1
      where id in (select user_id from new_rows);
    elsif tg_op = 'DELETE' then
      update users set data_version = data_version + 1
      where id in (select user_id from old_rows);
    else
      update users set data_version = data_version + 1
      where id in (select user_id from old_rows union select user_id from new_rows);
    end if;
    return null;
  end $$`.execute(db);
  for (const table of ['transactions', 'categories', 'accounts']) {
    const t = sql.raw(table);
    const name = (event: string) => sql.raw(`${table}_data_version_${event}`);
    // Transition tables cannot serve several events, hence one trigger per event.
    await sql`create trigger ${name('insert')} after insert on ${t}
      referencing new table as new_rows
      for each statement execute function outlay_bump_data_version()`.execute(db);
    await sql`create trigger ${name('update')} after update on ${t}
      referencing old table as old_rows new table as new_rows
      for each statement execute function outlay_bump_data_version()`.execute(db);
    await sql`create trigger ${name('delete')} after delete on ${t}
      referencing old table as old_rows
      for each statement execute function outlay_bump_data_version()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['transactions', 'categories', 'accounts']) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_data_version_${event}`)} on ${sql.raw(table)}`.execute(
        db,
      );
    }
  }
  await sql`drop function if exists outlay_bump_data_version()`.execute(db);
  await sql`alter table users drop column if exists data_version`.execute(db);
}
