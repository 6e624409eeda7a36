import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration after it lands; add a new one instead.
// The period totals count entries (DESIGN §3, §9): an unsplit transaction is one entry, a split
// transaction one entry per line, and transfers are kept apart (`transfer`) so they count as
// neither spend nor income. Replaces migration 3's triggers on transactions and adds the same on
// transaction_lines.
//
// Each statement adds new − old for its own table, with the other table as it stands: no
// statement writes both (nothing cascades between them), so the totals stay exact whatever order
// a transaction and its lines are written in. The transactions trigger counts unsplit rows, and
// for split rows their current lines at the row's date, so moving a split transaction moves its
// lines; the lines trigger counts lines whose transaction is split. Groups whose delta is zero are
// skipped, so an edit that moves no money (a payee, a note) writes no totals.

/** The entries a set of transaction rows contributes, each amount and count times `factor`. */
function fromTransactions(rows: string, factor: 1 | -1): string {
  return `
    select r.user_id, r.occurred_on as day, r.category_id, sign(r.amount_minor)::smallint as sign,
      r.transfer_id is not null as transfer, ${factor} * r.amount_minor as amount, ${factor} as entries
    from ${rows} r where not r.split
    union all
    select r.user_id, r.occurred_on, l.category_id, sign(l.amount_minor)::smallint,
      r.transfer_id is not null, ${factor} * l.amount_minor, ${factor}
    from ${rows} r join transaction_lines l on l.user_id = r.user_id and l.transaction_id = r.id
    where r.split`;
}

/** The entries a set of line rows contributes (those of split transactions). */
function fromLines(rows: string, factor: 1 | -1): string {
  return `
    select t.user_id, t.occurred_on as day, r.category_id, sign(r.amount_minor)::smallint as sign,
      t.transfer_id is not null as transfer, ${factor} * r.amount_minor as amount, ${factor} as entries
    from ${rows} r join transactions t on t.user_id = r.user_id and t.id = r.transaction_id
    where t.split`;
}

/** One statement: group the contributions by key, add them to the daily and monthly totals. */
function applyToTotals(contributions: string): string {
  return `
    with delta as (
      select user_id, day, category_id, sign, transfer, sum(amount) as amount, sum(entries) as entries
      from (${contributions}) c
      group by 1, 2, 3, 4, 5
      having sum(amount) <> 0 or sum(entries) <> 0
    ), daily as (
      insert into daily_totals as d (user_id, day, category_id, sign, transfer, amount_sum, row_count)
      select user_id, day, category_id, sign, transfer, amount, entries from delta
      on conflict (user_id, day, category_id, sign, transfer) do update
        set amount_sum = d.amount_sum + excluded.amount_sum, row_count = d.row_count + excluded.row_count
    )
    insert into monthly_totals as m (user_id, month, category_id, sign, transfer, amount_sum, row_count)
    select user_id, date_trunc('month', day::timestamp)::date, category_id, sign, transfer, sum(amount), sum(entries)
    from delta
    group by 1, 2, 3, 4, 5
    having sum(amount) <> 0 or sum(entries) <> 0
    on conflict (user_id, month, category_id, sign, transfer) do update
      set amount_sum = m.amount_sum + excluded.amount_sum, row_count = m.row_count + excluded.row_count`;
}

function totalsFunction(name: string, from: (rows: string, factor: 1 | -1) => string): string {
  return `create function ${name}() returns trigger
  language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      ${applyToTotals(from('new_rows', 1))};
    elsif tg_op = 'UPDATE' then
      ${applyToTotals(`${from('old_rows', -1)} union all ${from('new_rows', 1)}`)};
    else
      ${applyToTotals(from('old_rows', -1))};
    end if;
    return null;
  end $$`;
}

const TRIGGERS = [
  ['transactions', 'outlay_totals_from_transactions'],
  ['transaction_lines', 'outlay_totals_from_lines'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql`drop trigger ${sql.raw(`transactions_daily_totals_${event}`)} on transactions`.execute(
      db,
    );
  }
  await sql`drop function outlay_apply_daily_totals()`.execute(db);

  await sql.raw(totalsFunction('outlay_totals_from_transactions', fromTransactions)).execute(db);
  await sql.raw(totalsFunction('outlay_totals_from_lines', fromLines)).execute(db);
  for (const [table, fn] of TRIGGERS) {
    for (const [event, transition] of [
      ['insert', 'new table as new_rows'],
      ['update', 'old table as old_rows new table as new_rows'],
      ['delete', 'old table as old_rows'],
    ] as const) {
      // One trigger per event: transition tables cannot serve several events.
      await sql`create trigger ${sql.raw(`${table}_period_totals_${event}`)}
        after ${sql.raw(event)} on ${sql.raw(table)} referencing ${sql.raw(transition)}
        for each statement execute function ${sql.raw(fn)}()`.execute(db);
    }
  }
  // Existing totals stay exact: until now no row was split or a transfer, and `transfer` is false.
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, fn] of TRIGGERS) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_period_totals_${event}`)} on ${sql.raw(table)}`.execute(
        db,
      );
    }
    await sql`drop function if exists ${sql.raw(fn)}()`.execute(db);
  }
  // Migration 3's function and triggers, as they were (without splits or transfers).
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
  for (const [event, transition] of [
    ['insert', 'new table as new_rows'],
    ['update', 'old table as old_rows new table as new_rows'],
    ['delete', 'old table as old_rows'],
  ] as const) {
    await sql`create trigger ${sql.raw(`transactions_daily_totals_${event}`)}
      after ${sql.raw(event)} on transactions referencing ${sql.raw(transition)}
      for each statement execute function outlay_apply_daily_totals()`.execute(db);
  }
}
