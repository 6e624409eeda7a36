import { accountsRouter } from './routers/accounts.ts';
import { adminRouter } from './routers/admin.ts';
import { authRouter } from './routers/auth.ts';
import { backupRouter } from './routers/backup.ts';
import { budgetsRouter } from './routers/budgets.ts';
import { categoriesRouter } from './routers/categories.ts';
import { dueItemsRouter } from './routers/due-items.ts';
import { exportsRouter } from './routers/exports.ts';
import { historyRouter } from './routers/history.ts';
import { importsRouter } from './routers/imports.ts';
import { metricsRouter } from './routers/metrics.ts';
import { recurringRouter } from './routers/recurring.ts';
import { systemRouter } from './routers/system.ts';
import { transactionsRouter } from './routers/transactions.ts';
import { transfersRouter } from './routers/transfers.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  categories: categoriesRouter,
  transactions: transactionsRouter,
  transfers: transfersRouter,
  accounts: accountsRouter,
  history: historyRouter,
  imports: importsRouter,
  exports: exportsRouter,
  backup: backupRouter,
  budgets: budgetsRouter,
  metrics: metricsRouter,
  recurring: recurringRouter,
  dueItems: dueItemsRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, scripts): `createCaller(createContextInner(deps, request))`. */
export const createCaller = createCallerFactory(appRouter);
