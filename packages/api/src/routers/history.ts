import {
  HistoryListInput,
  HistoryPage,
  HistoryRowsInput,
  HistoryRowsPage,
  UndoInput,
  UndoResult,
} from '@outlay/contracts';
import { listChangeRows } from '../services/history/list-change-rows.ts';
import { listHistory } from '../services/history/list-history.ts';
import { undoChangeSet } from '../services/history/undo-change-set.ts';
import { authedProcedure, router } from '../trpc.ts';

export const historyRouter = router({
  list: authedProcedure
    .input(HistoryListInput)
    .output(HistoryPage)
    .query(({ ctx, input }) => listHistory(ctx.db, { user: ctx.user, ...input })),
  rows: authedProcedure
    .input(HistoryRowsInput)
    .output(HistoryRowsPage)
    .query(({ ctx, input }) => listChangeRows(ctx.db, { user: ctx.user, ...input })),
  undo: authedProcedure
    .input(UndoInput)
    .output(UndoResult)
    .mutation(({ ctx, input }) => undoChangeSet(ctx.db, { user: ctx.user, ...input })),
});
