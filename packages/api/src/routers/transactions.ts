import { TransactionListInput, TransactionPage } from '@outlay/contracts';
import { listTransactions } from '../services/transactions/list-transactions.ts';
import { authedProcedure, router } from '../trpc.ts';

export const transactionsRouter = router({
  list: authedProcedure
    .input(TransactionListInput)
    .output(TransactionPage)
    .query(({ ctx, input }) => listTransactions(ctx.db, { user: ctx.user, ...input })),
});
