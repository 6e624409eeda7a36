import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// The change log, written by the database (DESIGN §9): statement-level triggers with transition
// tables append one INSERT … SELECT per statement to change_log, in the change set named by the
// transaction-local setting app.change_set_id. A write without one fails, so no code path can
// change a user's data without leaving a trace. A table added later joins with one line in its
// migration: `select outlay_log_changes('<table>')` (its key must be (user_id, id)).

const LOGGED_TABLES = ['accounts', 'categories', 'transactions', 'transaction_lines'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function outlay_write_change_log() returns trigger
  language plpgsql as $$
  declare
    change_set uuid := nullif(current_setting('app.change_set_id', true), '')::uuid;
    owner uuid;
    mixed boolean;
  begin
    if change_set is null then
      -- A statement that changed nothing leaves nothing to trace. (Each transition table is
      -- named in its own branch: a trigger for one event has only its own.)
      if tg_op = 'DELETE' then
        if not exists (select 1 from old_rows) then
          return null;
        end if;
      elsif not exists (select 1 from new_rows) then
        return null;
      end if;
      raise exception 'No change set: every % on % belongs to one (openChangeSet)', lower(tg_op), tg_table_name
        using errcode = '55000';
    end if;
    -- One user per statement, and the change set is theirs: checked once here rather than by a
    -- foreign key on every log row.
    if tg_op = 'DELETE' then
      select user_id into owner from old_rows limit 1;
      mixed := exists (select 1 from old_rows where user_id <> owner);
    else
      select user_id into owner from new_rows limit 1;
      mixed := exists (select 1 from new_rows where user_id <> owner);
    end if;
    if owner is null then
      return null;
    end if;
    if mixed or not exists (select 1 from change_sets where user_id = owner and id = change_set) then
      raise exception 'The change set % is not the one of every row this % on % writes', change_set, lower(tg_op), tg_table_name
        using errcode = '55000';
    end if;
    if tg_op = 'INSERT' then
      insert into change_log (user_id, change_set_id, table_name, row_key, op, before, after)
      select n.user_id, change_set, tg_table_name, jsonb_build_object('id', n.id), 'insert', null, to_json(n)
      from new_rows n;
    elsif tg_op = 'UPDATE' then
      -- Keys never change (outlay_keep_keys), so (user_id, id) pairs each row's two versions.
      insert into change_log (user_id, change_set_id, table_name, row_key, op, before, after)
      select n.user_id, change_set, tg_table_name, jsonb_build_object('id', n.id), 'update', to_json(o), to_json(n)
      from old_rows o join new_rows n on n.user_id = o.user_id and n.id = o.id
      where o is distinct from n;
    else
      insert into change_log (user_id, change_set_id, table_name, row_key, op, before, after)
      select o.user_id, change_set, tg_table_name, jsonb_build_object('id', o.id), 'delete', to_json(o), null
      from old_rows o;
    end if;
    return null;
  end $$`.execute(db);

  // Fires only when an UPDATE names a key column, which no service does: a row is the same row
  // for its whole life, so the log and undo can find it by its key.
  await sql`create function outlay_keep_keys() returns trigger
  language plpgsql as $$
  begin
    if new.user_id is distinct from old.user_id or new.id is distinct from old.id then
      raise exception 'The key of a % row never changes', tg_table_name using errcode = '55000';
    end if;
    return new;
  end $$`.execute(db);

  await sql`create function outlay_log_changes(target regclass) returns void
  language plpgsql as $$
  declare
    relation text := (select relname from pg_class where oid = target);
  begin
    execute format('create trigger %I after insert on %s referencing new table as new_rows '
      'for each statement execute function outlay_write_change_log()', relation || '_change_log_insert', target);
    execute format('create trigger %I after update on %s referencing old table as old_rows new table as new_rows '
      'for each statement execute function outlay_write_change_log()', relation || '_change_log_update', target);
    execute format('create trigger %I after delete on %s referencing old table as old_rows '
      'for each statement execute function outlay_write_change_log()', relation || '_change_log_delete', target);
    execute format('create trigger %I before update of user_id, id on %s '
      'for each row execute function outlay_keep_keys()', relation || '_keep_keys', target);
  end $$`.execute(db);

  for (const table of LOGGED_TABLES) {
    await sql`select outlay_log_changes(${table}::regclass)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of LOGGED_TABLES) {
    for (const suffix of [
      'change_log_insert',
      'change_log_update',
      'change_log_delete',
      'keep_keys',
    ]) {
      await sql`drop trigger if exists ${sql.raw(`${table}_${suffix}`)} on ${sql.raw(table)}`.execute(
        db,
      );
    }
  }
  await sql`drop function if exists outlay_log_changes(regclass)`.execute(db);
  await sql`drop function if exists outlay_keep_keys()`.execute(db);
  await sql`drop function if exists outlay_write_change_log()`.execute(db);
}
