import type { Database } from '@outlay/db';
import { openChangeSet } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import {
  applyDuePlan,
  countsOf,
  isEmptyPlan,
  planDueItems,
  type DueCounts,
} from './generate-due-items.ts';

/**
 * The key of the advisory lock a run holds: one run at a time across every server instance
 * sharing the database. An arbitrary constant no other lock of Outlay uses.
 */
export const DUE_ITEMS_LOCK_KEY = 7_240_113;

export interface DueItemsJobResult {
  /** False when another instance held the lock: that run does the work. */
  ran: boolean;
  /** Users whose due items changed (one change set each). */
  users: number;
  totals: DueCounts;
}

/**
 * Tops every series' due items up to the horizon as the days go by (a monthly bill gets its
 * occurrence 13 months out), for every user, on the owner connection. Runs under a session-level
 * advisory lock held on one connection, so two instances never run it at once; a run that finds
 * the lock taken returns at once. Each user's changes are one change set by actor `job`, written
 * under that user's lock (taken before planning, so a request writing the same series at the
 * same moment is seen, not raced); a user with nothing to change gets no change set, so History
 * shows the job only when it did something. Safe to run again: a second run finds nothing to do.
 */
export async function runDueItemsJob(
  db: Kysely<Database>,
  { today }: { today: string },
): Promise<DueItemsJobResult> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${DUE_ITEMS_LOCK_KEY}) as locked`.execute(conn);
    const result: DueItemsJobResult = {
      ran: rows[0]?.locked === true,
      users: 0,
      totals: { added: 0, changed: 0, removed: 0 },
    };
    if (!result.ran) return result;
    try {
      const owners = await conn
        .selectFrom('recurring_items')
        .select('user_id')
        .distinct()
        .execute();
      for (const { user_id: userId } of owners) {
        const counts = await conn.transaction().execute(async (trx) => {
          await sql`select 1 from users where id = ${userId} for no key update`.execute(trx);
          const plan = await planDueItems(trx, { userId, today });
          if (isEmptyPlan(plan)) return null;
          await openChangeSet(trx, {
            user: { id: userId },
            actor: { kind: 'job', id: null },
            action: 'jobs.dueItems',
            summary: { ...countsOf(plan) },
          });
          await applyDuePlan(trx, { userId, plan });
          return countsOf(plan);
        });
        if (!counts) continue;
        result.users += 1;
        result.totals.added += counts.added;
        result.totals.changed += counts.changed;
        result.totals.removed += counts.removed;
      }
    } finally {
      await sql`select pg_advisory_unlock(${DUE_ITEMS_LOCK_KEY})`.execute(conn);
    }
    return result;
  });
}
