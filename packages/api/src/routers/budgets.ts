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
import { authedProcedure, router } from '../trpc.ts';

export const budgetsRouter = router({
  list: authedProcedure
    .output(BudgetList)
    .query(({ ctx }) => listBudgets(ctx.db, { user: ctx.user })),
  create: authedProcedure
    .input(CreateBudgetInput)
    .output(BudgetWritten)
    .mutation(({ ctx, input }) => createBudget(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .input(UpdateBudgetInput)
    .output(BudgetWritten)
    .mutation(({ ctx, input }) => updateBudget(ctx.db, { user: ctx.user, ...input })),
  delete: authedProcedure
    .input(IdInput)
    .output(BudgetDeleted)
    .mutation(({ ctx, input }) => deleteBudget(ctx.db, { user: ctx.user, ...input })),
  status: authedProcedure
    .input(BudgetStatusInput)
    .output(BudgetStatusList)
    .query(({ ctx, input }) => budgetStatus(ctx.db, { user: ctx.user, ...input })),
  history: authedProcedure
    .input(BudgetHistoryInput)
    .output(BudgetHistory)
    .query(({ ctx, input }) => budgetHistory(ctx.db, { user: ctx.user, ...input })),
});
