/**
 * Change sets (DESIGN §9): every write to a user's data belongs to one, and the database's
 * triggers refuse a write without one. `openChangeSet` is the one way to start one.
 */
import { type Kysely, sql } from 'kysely';
import type { ChangeSetActorKind, Database } from './schema.ts';

/** Who made a change: the user (a signed-in session), one of their API tokens, or a job. */
export interface ChangeSetActor {
  kind: ChangeSetActorKind;
  /** The user's id, the API token's id, or null for a job. */
  id: string | null;
}

export interface OpenChangeSetOptions {
  user: { id: string };
  actor: ChangeSetActor;
  /** What was done, as a procedure-like name: `transactions.bulkUpdate`, `seed.demo`. */
  action: string;
  /** What `history.list` needs to describe the change in words, as it was when made. */
  summary: Record<string, unknown>;
  /** The change set this one undoes. */
  undoes?: string | undefined;
}

/**
 * Opens a change set in `trx` (which must be a transaction) and makes it the one the change-log
 * triggers write to for the rest of the transaction. One statement: it inserts the change set,
 * takes the user's row lock (one person's writes run one at a time, so concurrent edits cannot
 * deadlock on the totals) and sets `app.change_set_id` transaction-locally.
 */
export async function openChangeSet(
  trx: Kysely<Database>,
  { user, actor, action, summary, undoes }: OpenChangeSetOptions,
): Promise<string> {
  if (!trx.isTransaction) throw new Error('openChangeSet needs a transaction');
  const { rows } = await sql<{ id: string; setting: string }>`
    insert into change_sets (user_id, actor_kind, actor_id, action, summary, undoes_id)
    select u.id, ${actor.kind}, ${actor.id}::uuid, ${action}, ${JSON.stringify(summary)}::jsonb,
      ${undoes ?? null}::uuid
    from (select id from users where id = ${user.id} for no key update) u
    returning id, set_config('app.change_set_id', id::text, true) as setting`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error(`No user ${user.id} to open a change set for`);
  return row.id;
}

/** Runs `work` in `db` if it is a transaction already, else in a new one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Runs the checks deferred to commit (split lines add up, transfers are whole pairs, categories
 * have two levels) now, so a violation fails the statement that called this — where a service can
 * turn it into a typed error — rather than the commit after the procedure returned.
 */
export async function runDeferredChecks(trx: Kysely<Database>): Promise<void> {
  await sql`set constraints all immediate`.execute(trx);
  await sql`set constraints all deferred`.execute(trx);
}
