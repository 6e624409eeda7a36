import {
  type BudgetHealth,
  type BudgetPeriodFigures,
  type BudgetStatus,
  type BudgetStatusInput,
  type BudgetStatusList,
  daysInclusive,
  divideRoundHalfUp,
  todayUtc,
} from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { budgetFigures } from './budget-figures.ts';
import { listBudgets } from './list-budgets.ts';

/**
 * Every budget that covers the period holding `period` (default: today), with its figures for
 * that week or month: spent, available, the pace (what an even rate would have spent by today),
 * what is left per remaining day, and a health. A past period counts as fully elapsed, a future
 * one as not begun.
 */
export async function budgetStatus(
  db: Kysely<Database>,
  { user, period, today }: { user: { id: string; homeCurrency: string } } & BudgetStatusInput,
): Promise<BudgetStatusList> {
  const day = today ?? todayUtc();
  const date = period ?? day;
  const budgets = await listBudgets(db, { user });
  const figures = await budgetFigures(db, user.id, budgets, { date, periods: 1 });
  const statuses: BudgetStatus[] = [];
  for (const budget of budgets) {
    const current = figures.get(budget.id)?.[0];
    if (current) statuses.push({ budget, ...paceOf(current, day) });
  }
  const counts = { on_track: 0, at_risk: 0, over: 0 };
  for (const status of statuses) counts[status.health] += 1;
  return { currency: user.homeCurrency, today: day, budgets: statuses, counts };
}

/**
 * The pace and health of one period on `today`. The projection is compared in integers, as
 * spent × days against allowance × elapsed days, so spending exactly on the even line is on
 * track and one minor unit beyond it is at risk. Today counts as an elapsed day (the pace is what
 * an even rate would have spent by the end of it) and as a remaining one (it can still be spent).
 */
export function paceOf(figures: BudgetPeriodFigures, today: string): Omit<BudgetStatus, 'budget'> {
  const days = daysInclusive(figures.from, figures.to);
  const elapsedDays =
    today < figures.from ? 0 : today > figures.to ? days : daysInclusive(figures.from, today);
  const allowance = figures.amountMinor + figures.rolloverMinor;
  const spent = figures.spentMinor;
  const health: BudgetHealth =
    spent > allowance ? 'over' : spent * days > allowance * elapsedDays ? 'at_risk' : 'on_track';
  const periodOver = today > figures.to;
  const remainingDays = days - elapsedDays + (elapsedDays > 0 ? 1 : 0);
  return {
    ...figures,
    days,
    elapsedDays,
    paceMinor: divideRoundHalfUp(Math.max(0, allowance) * elapsedDays, days),
    // Rounded down, so spending it every day never ends over.
    remainingPerDayMinor: periodOver
      ? null
      : Math.floor(Math.max(0, figures.availableMinor) / remainingDays),
    projectedMinor: elapsedDays === 0 ? spent : divideRoundHalfUp(spent * days, elapsedDays),
    health,
  };
}
