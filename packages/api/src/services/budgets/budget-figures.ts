import type { Budget, BudgetPeriodFigures, BudgetRollover } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { sourceSpend } from '../metrics/spend.ts';
import { granularityOf, periodIndex, periodOf, periodStart } from './periods.ts';

/**
 * A budget's figures for its periods up to the one holding `date` (the last `periods` of them
 * that the budget covers), with the rollover carried from its first period.
 *
 * Spent is the one definition of spend (DESIGN §3: `sourceSpend`, so split lines count under
 * their own category and refunds lower spend) over the per-period totals the dashboard reads:
 * `monthly_totals` for monthly budgets, `daily_totals` for weekly ones. One query answers every
 * budget, grouped per budget and period, so only periods with spend come back. What it reads
 * before the periods shown depends on the rollover: nothing without one; one sum with `both`
 * (what carries is then the amounts less the spend of every earlier period); every earlier period
 * with `unspent` or `overspent`, whose carry is clamped period by period. That fold runs over
 * period numbers, bounded by the date domain (about 10,500 weeks), never a query per period.
 */
export async function budgetFigures(
  db: Kysely<Database>,
  userId: string,
  budgets: readonly Budget[],
  { date, periods }: { date: string; periods: number },
): Promise<Map<string, BudgetPeriodFigures[]>> {
  const windows = budgets.flatMap((budget) => {
    const first = periodIndex(budget.startsOn, budget.period);
    const end = budget.endsOn === null ? Infinity : periodIndex(budget.endsOn, budget.period);
    const last = Math.min(end, periodIndex(date, budget.period));
    const shownFrom = Math.max(first, periodIndex(date, budget.period) - periods + 1);
    if (shownFrom > last) return [];
    // The first period whose spend is needed one by one; before it, one sum (or nothing).
    const byPeriodFrom =
      budget.rollover === 'unspent' || budget.rollover === 'overspent' ? first : shownFrom;
    const readFrom = budget.rollover === 'none' ? shownFrom : first;
    return [{ budget, first, last, shownFrom, byPeriodFrom, readFrom }];
  });
  const result = new Map<string, BudgetPeriodFigures[]>();
  if (windows.length === 0) return result;

  const targets = windows.map((w) => ({
    id: w.budget.id,
    grain: granularityOf(w.budget.period),
    from: periodStart(w.readFrom, w.budget.period),
    byPeriodFrom: periodStart(w.byPeriodFrom, w.budget.period),
    to: periodOf(periodStart(w.last, w.budget.period), w.budget.period).to,
  }));
  // Each kind of totals is read once, over the dates its budgets need: one range scan of the
  // user's rows, joined by hash to the budgets' categories (`x`: a budget's own category, or its
  // group and the categories in it), rather than a lookup per budget and category.
  const sources = (['week', 'month'] as const).flatMap((grain) => {
    const mine = targets.filter((t) => t.grain === grain);
    if (mine.length === 0) return [];
    const from = mine.reduce((min, t) => (t.from < min ? t.from : min), mine[0]!.from);
    const to = mine.reduce((max, t) => (t.to > max ? t.to : max), mine[0]!.to);
    return grain === 'week'
      ? [
          sql`select 'week' as grain, day as occurred_on, category_id, amount_sum as amount_minor,
            sign, transfer from daily_totals
          where user_id = ${userId} and day between ${from} and ${to} and row_count > 0`,
        ]
      : [
          sql`select 'month' as grain, month as occurred_on, category_id, amount_sum as amount_minor,
            sign, transfer from monthly_totals
          where user_id = ${userId} and month between ${from} and ${to} and row_count > 0`,
        ];
  });
  // `t` and `c` as the spend expressions read them (`t.amount_minor`, `c.kind`…), exactly as the
  // dashboard's queries do. `period_start` is null for the one sum before `by_period_from`.
  const { rows } = await sql<{ budget_id: string; period_start: string | null; spent: number }>`
    with x as materialized (
      select w.budget_id, w.grain, w.from_day, w.by_period_from, w.to_day, k.id as category_id
      from unnest(${targets.map((t) => t.id)}::uuid[], ${targets.map((t) => t.grain)}::text[],
        ${targets.map((t) => t.from)}::date[], ${targets.map((t) => t.byPeriodFrom)}::date[],
        ${targets.map((t) => t.to)}::date[])
        as w (budget_id, grain, from_day, by_period_from, to_day)
      join budgets b on b.user_id = ${userId} and b.id = w.budget_id
      join categories k on k.user_id = ${userId}
        and (k.id = b.category_id or k.id = b.group_id or k.parent_id = b.group_id)
    )
    select x.budget_id,
      case when t.occurred_on >= x.by_period_from
        then date_trunc(x.grain, t.occurred_on::timestamp)::date::text end as period_start,
      ${sourceSpend.sumSpend} as spent
    from (${sql.join(sources, sql` union all `)}) t
    join x on x.category_id = t.category_id and x.grain = t.grain
      and t.occurred_on between x.from_day and x.to_day
    join categories c on c.user_id = ${userId} and c.id = t.category_id
    group by 1, 2`.execute(db);

  const periodKinds = new Map(windows.map((w) => [w.budget.id, w.budget.period]));
  const spentBy = new Map<string, Map<number, number>>();
  const spentBefore = new Map<string, number>();
  for (const row of rows) {
    if (row.period_start === null) {
      spentBefore.set(row.budget_id, Number(row.spent));
      continue;
    }
    let spent = spentBy.get(row.budget_id);
    if (!spent) spentBy.set(row.budget_id, (spent = new Map<number, number>()));
    spent.set(periodIndex(row.period_start, periodKinds.get(row.budget_id)!), Number(row.spent));
  }
  for (const { budget, first, last, shownFrom, byPeriodFrom } of windows) {
    const spent = spentBy.get(budget.id) ?? new Map<number, number>();
    // `both` carries every earlier period's amount less its spend; `none` carries nothing.
    let carried =
      budget.rollover === 'both'
        ? (byPeriodFrom - first) * budget.amountMinor - (spentBefore.get(budget.id) ?? 0)
        : 0;
    const figures: BudgetPeriodFigures[] = [];
    for (let index = byPeriodFrom; index <= last; index += 1) {
      const spentMinor = spent.get(index) ?? 0;
      const availableMinor = budget.amountMinor + carried - spentMinor;
      if (index >= shownFrom) {
        const { from, to } = periodOf(periodStart(index, budget.period), budget.period);
        figures.push({
          from,
          to,
          amountMinor: budget.amountMinor,
          rolloverMinor: carried,
          spentMinor,
          availableMinor,
        });
      }
      carried = carryOut(budget.rollover, availableMinor);
    }
    result.set(budget.id, figures);
  }
  return result;
}

/** What a period passes to the next: its available amount, as far as the rollover lets it. */
export function carryOut(rollover: BudgetRollover, availableMinor: number): number {
  switch (rollover) {
    case 'none':
      return 0;
    case 'unspent':
      return Math.max(0, availableMinor);
    case 'overspent':
      return Math.min(0, availableMinor);
    case 'both':
      return availableMinor;
  }
}
