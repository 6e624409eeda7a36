import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { horizonOf, occurrences } from './schedule.ts';

/** What bringing due items in line with their schedules does (or did). */
export interface DuePlan {
  insert: { recurringId: string; dueOn: string; amountMinor: number }[];
  /** Upcoming items whose series' amount changed. */
  update: { id: string; amountMinor: number }[];
  /** Unpaid items from today on that the schedule no longer has (or whose series is paused). */
  remove: string[];
}

export interface DueCounts {
  added: number;
  changed: number;
  removed: number;
}

export const countsOf = (plan: DuePlan): DueCounts => ({
  added: plan.insert.length,
  changed: plan.update.length,
  removed: plan.remove.length,
});

export const isEmptyPlan = (plan: DuePlan) =>
  plan.insert.length + plan.update.length + plan.remove.length === 0;

/**
 * What it takes to make the due items of a user's recurring items (all, or those of
 * `recurringIds`) from `today` to the horizon (13 months) match their schedules: the occurrences
 * missing, the upcoming ones whose amount the series changed, and the unpaid ones the schedule no
 * longer has. Paid items are never touched, nor is anything before today: a change to a series
 * changes its future only. Reads only; `applyDuePlan` writes.
 */
export async function planDueItems(
  db: Kysely<Database>,
  {
    userId,
    today,
    recurringIds,
  }: { userId: string; today: string; recurringIds?: readonly string[] },
): Promise<DuePlan> {
  const plan: DuePlan = { insert: [], update: [], remove: [] };
  if (recurringIds?.length === 0) return plan;
  const items = await db
    .selectFrom('recurring_items')
    .select(['id', 'rrule', 'starts_on', 'shift', 'amount_minor', 'paused'])
    .where('user_id', '=', userId)
    .$if(recurringIds !== undefined, (q) => q.where('id', 'in', recurringIds!))
    .execute();
  // An occurrence is known by the day its schedule gave it (`scheduled_on` once a person moved
  // it): one moved to before today from a later day is still that later day's occurrence.
  const existing = await db
    .selectFrom('due_items')
    .select([
      'id',
      'recurring_id',
      'due_on',
      'scheduled_on',
      'amount_minor',
      'amount_edited',
      'status',
    ])
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('due_on', '>=', today), eb('scheduled_on', '>=', today)]))
    .$if(recurringIds !== undefined, (q) => q.where('recurring_id', 'in', recurringIds!))
    .execute();
  const scheduledOn = (row: (typeof existing)[number]) => row.scheduled_on ?? row.due_on;
  const byKey = new Map(existing.map((row) => [`${row.recurring_id} ${scheduledOn(row)}`, row]));
  const range = horizonOf(today);
  const wanted = new Set<string>();
  for (const item of items) {
    if (item.paused) continue;
    const days = occurrences(
      { rrule: item.rrule, startsOn: item.starts_on, shift: item.shift },
      range,
    );
    for (const dueOn of days) {
      const key = `${item.id} ${dueOn}`;
      wanted.add(key);
      const row = byKey.get(key);
      if (!row) plan.insert.push({ recurringId: item.id, dueOn, amountMinor: item.amount_minor });
      else if (
        row.status === 'upcoming' &&
        !row.amount_edited &&
        row.amount_minor !== item.amount_minor
      ) {
        plan.update.push({ id: row.id, amountMinor: item.amount_minor });
      }
    }
  }
  // Only occurrences the window covers can have left the schedule: one scheduled before today
  // and moved to a later day is a past occurrence the person postponed, and stays.
  for (const row of existing) {
    const key = `${row.recurring_id} ${scheduledOn(row)}`;
    if (row.status !== 'paid' && scheduledOn(row) >= today && !wanted.has(key)) {
      plan.remove.push(row.id);
    }
  }
  return plan;
}

/**
 * Writes a plan in the caller's transaction and change set: one statement per kind of change,
 * whatever its size. The insert is an upsert on the one-per-day key, so a plan made from a view
 * another writer has since changed adds no duplicate.
 */
export async function applyDuePlan(
  trx: Kysely<Database>,
  { userId, plan }: { userId: string; plan: DuePlan },
): Promise<void> {
  if (plan.remove.length > 0) {
    await trx
      .deleteFrom('due_items')
      .where('user_id', '=', userId)
      .where('id', 'in', plan.remove)
      .where('status', '<>', 'paid')
      .execute();
  }
  if (plan.update.length > 0) {
    await sql`update due_items d set amount_minor = u.amount
      from unnest(${plan.update.map((u) => u.id)}::uuid[], ${plan.update.map((u) => u.amountMinor)}::bigint[])
        as u(id, amount)
      where d.user_id = ${userId} and d.id = u.id and d.status = 'upcoming'`.execute(trx);
  }
  if (plan.insert.length > 0) {
    await sql`insert into due_items (user_id, recurring_id, due_on, amount_minor)
      select ${userId}::uuid, t.recurring_id, t.due_on, t.amount
      from unnest(${plan.insert.map((i) => i.recurringId)}::uuid[], ${plan.insert.map((i) => i.dueOn)}::date[],
        ${plan.insert.map((i) => i.amountMinor)}::bigint[]) as t(recurring_id, due_on, amount)
      on conflict (user_id, recurring_id, due_on) do nothing`.execute(trx);
  }
}

/** Plans and applies in one go, in the caller's transaction and change set. */
export async function syncDueItems(
  trx: Kysely<Database>,
  options: { userId: string; today: string; recurringIds?: readonly string[] },
): Promise<DueCounts> {
  const plan = await planDueItems(trx, options);
  await applyDuePlan(trx, { userId: options.userId, plan });
  return countsOf(plan);
}
