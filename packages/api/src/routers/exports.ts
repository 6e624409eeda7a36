import { CsvChunk, streamOf, TransactionsCsvInput } from '@outlay/contracts';
import { exportTransactionsCsv } from '../services/exports/export-transactions-csv.ts';
import { router, streamProcedure } from '../trpc.ts';

export const exportsRouter = router({
  /**
   * The entries of a filter as CSV, streamed in pieces of whole lines (the first is the header):
   * read it with `httpBatchStreamLink` (@outlay/client routes it there) and join the pieces.
   */
  transactionsCsv: streamProcedure
    .input(TransactionsCsvInput)
    .output(streamOf(CsvChunk))
    .query(({ ctx, input }) => exportTransactionsCsv(ctx.db, { user: ctx.user, ...input })),
});
