import {
  BudgetDeleted,
  BudgetHistory,
  BudgetHistoryInput,
  BudgetList,
  BudgetStatusInput,
  BudgetStatusList,
  BudgetWritten,
  CreateBudgetInput,
  IdInput,
  UpdateBudgetInput,
} from '@outlay/contracts';
import { budgetHistory } from '../services/budgets/budget-history.ts';
import { budgetStatus } from '../services/budgets/budget-status.ts';
import { createBudget } from '../services/budgets/create-budget.ts';
import { deleteBudget } from '../services/budgets/delete-budget.ts';
import { listBudgets } from '../services/budgets/list-budgets.ts';
import { updateBudget } from '../services/budgets/update-budget.ts';
import { authedProcedure, rest, router } from '../trpc.ts';

export const budgetsRouter = router({
  list: authedProcedure
    .meta(rest('GET', '/budgets', 'Your budgets'))
    .output(BudgetList)
    .query(({ ctx }) => listBudgets(ctx.db, { user: ctx.user })),
  create: authedProcedure
    .meta(rest('POST', '/budgets', 'Set a weekly or monthly budget for a category or group'))
    .input(CreateBudgetInput)
    .output(BudgetWritten)
    .mutation(({ ctx, input }) => createBudget(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .meta(rest('PATCH', '/budgets/{id}', 'Change a budget (every period, past ones too)'))
    .input(UpdateBudgetInput)
    .output(BudgetWritten)
    .mutation(({ ctx, input }) => updateBudget(ctx.db, { user: ctx.user, ...input })),
  delete: authedProcedure
    .meta(rest('DELETE', '/budgets/{id}', 'Delete a budget'))
    .input(IdInput)
    .output(BudgetDeleted)
    .mutation(({ ctx, input }) => deleteBudget(ctx.db, { user: ctx.user, ...input })),
  status: authedProcedure
    .meta(
      rest('POST', '/budgets/status', 'Each budget this period: spent, available, pace and health'),
    )
    .input(BudgetStatusInput)
    .output(BudgetStatusList)
    .query(({ ctx, input }) => budgetStatus(ctx.db, { user: ctx.user, ...input })),
  history: authedProcedure
    .meta(rest('POST', '/budgets/history', 'Budget against actual spend over the last periods'))
    .input(BudgetHistoryInput)
    .output(BudgetHistory)
    .query(({ ctx, input }) => budgetHistory(ctx.db, { user: ctx.user, ...input })),
});
