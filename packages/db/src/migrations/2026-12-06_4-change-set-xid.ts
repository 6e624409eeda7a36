import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// The transaction that wrote each change set (DESIGN §9). Every row a change set wrote carries
// that transaction's id as its `xmin` until something writes the row again, so undo can tell a
// row untouched since from one that changed without printing and comparing the whole row.
// Change sets made before this migration have none and are compared as before.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table change_sets add column xid xid8`.execute(db);
  await sql`alter table change_sets alter column xid set default pg_current_xact_id()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table change_sets drop column xid`.execute(db);
}
