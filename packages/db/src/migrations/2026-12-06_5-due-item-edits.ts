import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// One occurrence of a bill changed without its series (DESIGN §12): moved to another day, or
// given its own amount. `scheduled_on` keeps the day the schedule gave a moved item, so the
// schedule still finds it there and does not add the occurrence again; `amount_edited` keeps a
// change of the series' amount from overwriting the occurrence's own.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table due_items add column scheduled_on date`.execute(db);
  await sql`alter table due_items add column amount_edited boolean not null default false`.execute(
    db,
  );
  // The schedule's day is one occurrence, wherever it was moved to.
  await sql`create unique index due_items_recurring_scheduled_key on due_items
    (user_id, recurring_id, scheduled_on) where scheduled_on is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index due_items_recurring_scheduled_key`.execute(db);
  await sql`alter table due_items drop column amount_edited`.execute(db);
  await sql`alter table due_items drop column scheduled_on`.execute(db);
}
