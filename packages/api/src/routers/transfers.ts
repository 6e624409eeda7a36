import { CreateTransferInput, TransactionsWritten } from '@outlay/contracts';
import { createTransfer } from '../services/transfers/create-transfer.ts';
import { authedProcedure, router } from '../trpc.ts';

export const transfersRouter = router({
  create: authedProcedure
    .input(CreateTransferInput)
    .output(TransactionsWritten)
    .mutation(({ ctx, input }) => createTransfer(ctx.db, { user: ctx.user, ...input })),
});
