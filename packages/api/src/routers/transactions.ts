import {
  BulkUpdateTransactionsInput,
  CreateTransactionInput,
  DeleteTransactionsInput,
  IdInput,
  TransactionDetail,
  TransactionListInput,
  TransactionPage,
  TransactionsChanged,
  TransactionsWritten,
  UpdateTransactionInput,
} from '@outlay/contracts';
import { bulkUpdateTransactions } from '../services/transactions/bulk-update-transactions.ts';
import { createTransaction } from '../services/transactions/create-transaction.ts';
import { deleteTransactions } from '../services/transactions/delete-transactions.ts';
import { getTransaction } from '../services/transactions/get-transaction.ts';
import { listTransactions } from '../services/transactions/list-transactions.ts';
import { updateTransaction } from '../services/transactions/update-transaction.ts';
import { authedProcedure, router } from '../trpc.ts';

export const transactionsRouter = router({
  list: authedProcedure
    .input(TransactionListInput)
    .output(TransactionPage)
    .query(({ ctx, input }) => listTransactions(ctx.db, { user: ctx.user, ...input })),
  get: authedProcedure
    .input(IdInput)
    .output(TransactionDetail)
    .query(({ ctx, input }) => getTransaction(ctx.db, { user: ctx.user, ...input })),
  create: authedProcedure
    .input(CreateTransactionInput)
    .output(TransactionsWritten)
    .mutation(({ ctx, input }) => createTransaction(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .input(UpdateTransactionInput)
    .output(TransactionsWritten)
    .mutation(({ ctx, input }) => updateTransaction(ctx.db, { user: ctx.user, ...input })),
  delete: authedProcedure
    .input(DeleteTransactionsInput)
    .output(TransactionsChanged)
    .mutation(({ ctx, input }) => deleteTransactions(ctx.db, { user: ctx.user, ...input })),
  bulkUpdate: authedProcedure
    .input(BulkUpdateTransactionsInput)
    .output(TransactionsChanged)
    .mutation(({ ctx, input }) => bulkUpdateTransactions(ctx.db, { user: ctx.user, ...input })),
});
