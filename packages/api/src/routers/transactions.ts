import {
  BulkUpdateTransactionsInput,
  CreateTransactionInput,
  DeleteTransactionsInput,
  IdInput,
  PayeeSuggestion,
  PayeeSuggestionsInput,
  TransactionDetail,
  TransactionIds,
  TransactionIdsInput,
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
import { listTransactionIds } from '../services/transactions/list-transaction-ids.ts';
import { listTransactions } from '../services/transactions/list-transactions.ts';
import { suggestPayees } from '../services/transactions/suggest-payees.ts';
import { updateTransaction } from '../services/transactions/update-transaction.ts';
import { authedProcedure, router } from '../trpc.ts';
import { z } from 'zod';

export const transactionsRouter = router({
  list: authedProcedure
    .input(TransactionListInput)
    .output(TransactionPage)
    .query(({ ctx, input }) => listTransactions(ctx.db, { user: ctx.user, ...input })),
  /** Every transaction behind a filter (up to 10,000), for "select all matching". */
  ids: authedProcedure
    .input(TransactionIdsInput)
    .output(TransactionIds)
    .query(({ ctx, input }) => listTransactionIds(ctx.db, { user: ctx.user, ...input })),
  /** Recent payees with their latest category and account, for quick entry. */
  payees: authedProcedure
    .input(PayeeSuggestionsInput)
    .output(z.array(PayeeSuggestion))
    .query(({ ctx, input }) => suggestPayees(ctx.db, { user: ctx.user, ...input })),
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
