import { type BudgetHistory, type BudgetHistoryInput, todayUtc } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { budgetFigures } from './budget-figures.ts';
import { listBudgets } from './list-budgets.ts';

/**
 * Budget against actual for the last `periods` weeks or months of each budget, up to the one
 * holding `period` (default today), rollover included: the data of the budget-vs-actual chart.
 * A budget that covers none of those periods is left out.
 */
export async function budgetHistory(
  db: Kysely<Database>,
  {
    user,
    periods = 12,
    period,
    budgetId,
  }: { user: { id: string; homeCurrency: string } } & BudgetHistoryInput,
): Promise<BudgetHistory> {
  const budgets = (await listBudgets(db, { user })).filter(
    (budget) => budgetId === undefined || budget.id === budgetId,
  );
  const figures = await budgetFigures(db, user.id, budgets, {
    date: period ?? todayUtc(),
    periods,
  });
  return {
    currency: user.homeCurrency,
    budgets: budgets.flatMap((budget) => {
      const shown = figures.get(budget.id);
      return shown ? [{ budget, periods: shown }] : [];
    }),
  };
}
