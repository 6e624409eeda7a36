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
import { authedProcedure, router, rest } from '../trpc.ts';
import { z } from 'zod';

export const transactionsRouter = router({
  list: authedProcedure
    .meta(rest('POST', '/transactions/search', 'A page of transaction lines matching a filter'))
    .input(TransactionListInput)
    .output(TransactionPage)
    .query(({ ctx, input }) => listTransactions(ctx.db, { user: ctx.user, ...input })),
  /** Every transaction behind a filter (up to 10,000), for "select all matching". */
  ids: authedProcedure
    .meta(rest('POST', '/transactions/ids', 'The ids of every transaction matching a filter'))
    .input(TransactionIdsInput)
    .output(TransactionIds)
    .query(({ ctx, input }) => listTransactionIds(ctx.db, { user: ctx.user, ...input })),
  /** Recent payees with their latest category and account, for quick entry. */
  payees: authedProcedure
    .meta(rest('POST', '/transactions/payees', 'Payees already used, for suggestions'))
    .input(PayeeSuggestionsInput)
    .output(z.array(PayeeSuggestion))
    .query(({ ctx, input }) => suggestPayees(ctx.db, { user: ctx.user, ...input })),
  get: authedProcedure
    .meta(rest('GET', '/transactions/{id}', 'A whole transaction with its lines'))
    .input(IdInput)
    .output(TransactionDetail)
    .query(({ ctx, input }) => getTransaction(ctx.db, { user: ctx.user, ...input })),
  create: authedProcedure
    .meta(rest('POST', '/transactions', 'Record a transaction (split or not)'))
    .input(CreateTransactionInput)
    .output(TransactionsWritten)
    .mutation(({ ctx, input }) => createTransaction(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .meta(rest('PATCH', '/transactions/{id}', 'Change a transaction'))
    .input(UpdateTransactionInput)
    .output(TransactionsWritten)
    .mutation(({ ctx, input }) => updateTransaction(ctx.db, { user: ctx.user, ...input })),
  delete: authedProcedure
    .meta(
      rest(
        'POST',
        '/transactions/delete',
        'Delete transactions (a transfer goes with its other half)',
      ),
    )
    .input(DeleteTransactionsInput)
    .output(TransactionsChanged)
    .mutation(({ ctx, input }) => deleteTransactions(ctx.db, { user: ctx.user, ...input })),
  bulkUpdate: authedProcedure
    .meta(
      rest(
        'POST',
        '/transactions/bulk-update',
        'Set one category, account, payee or note on many transactions',
      ),
    )
    .input(BulkUpdateTransactionsInput)
    .output(TransactionsChanged)
    .mutation(({ ctx, input }) => bulkUpdateTransactions(ctx.db, { user: ctx.user, ...input })),
});
