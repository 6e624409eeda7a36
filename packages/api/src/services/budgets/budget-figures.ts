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
 * budget and every period since each one started, grouped per budget and period, so only periods
 * with spend come back; the rollover is then a fold over period numbers, bounded by the date
 * domain (at most about 10,500 weeks), never a query per period.
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
    return shownFrom > last ? [] : [{ budget, first, last, shownFrom }];
  });
  const result = new Map<string, BudgetPeriodFigures[]>();
  if (windows.length === 0) return result;

  const grains = windows.map((w) => granularityOf(w.budget.period));
  const froms = windows.map((w) => periodStart(w.first, w.budget.period));
  const tos = windows.map(
    (w) => periodOf(periodStart(w.last, w.budget.period), w.budget.period).to,
  );
  // `c` is the category of the totals row (the one budgeted, or one in the budgeted group): the
  // spend expressions read its kind as `c.kind`, exactly as the dashboard's do.
  const { rows } = await sql<{ budget_id: string; period_start: string; spent: number }>`
    select x.budget_id, date_trunc(x.grain, t.occurred_on::timestamp)::date::text as period_start,
      ${sourceSpend.sumSpend} as spent
    from unnest(${windows.map((w) => w.budget.id)}::uuid[], ${grains}::text[], ${froms}::date[],
      ${tos}::date[]) as x (budget_id, grain, from_day, to_day)
    join budgets b on b.user_id = ${userId} and b.id = x.budget_id
    join categories c on c.user_id = ${userId}
      and (c.id = b.category_id or c.id = b.group_id or c.parent_id = b.group_id)
    cross join lateral (
      select d.day as occurred_on, d.category_id, d.amount_sum as amount_minor, d.sign, d.transfer
      from daily_totals d
      where x.grain = 'week' and d.user_id = ${userId} and d.category_id = c.id
        and d.day between x.from_day and x.to_day and d.row_count > 0
      union all
      select m.month, m.category_id, m.amount_sum, m.sign, m.transfer
      from monthly_totals m
      where x.grain = 'month' and m.user_id = ${userId} and m.category_id = c.id
        and m.month between x.from_day and x.to_day and m.row_count > 0
    ) t
    group by 1, 2`.execute(db);

  const periodKinds = new Map(windows.map((w) => [w.budget.id, w.budget.period]));
  const spentBy = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const period = periodKinds.get(row.budget_id)!;
    let spent = spentBy.get(row.budget_id);
    if (!spent) spentBy.set(row.budget_id, (spent = new Map<number, number>()));
    spent.set(periodIndex(row.period_start, period), Number(row.spent));
  }
  for (const { budget, first, last, shownFrom } of windows) {
    const spent = spentBy.get(budget.id) ?? new Map<number, number>();
    const figures: BudgetPeriodFigures[] = [];
    let carried = 0;
    for (let index = first; index <= last; index += 1) {
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
