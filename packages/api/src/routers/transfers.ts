import { CreateTransferInput, TransactionsWritten } from '@outlay/contracts';
import { createTransfer } from '../services/transfers/create-transfer.ts';
import { authedProcedure, router, rest } from '../trpc.ts';

export const transfersRouter = router({
  create: authedProcedure
    .meta(rest('POST', '/transfers', 'Move money between two of your accounts'))
    .input(CreateTransferInput)
    .output(TransactionsWritten)
    .mutation(({ ctx, input }) => createTransfer(ctx.db, { user: ctx.user, ...input })),
});
