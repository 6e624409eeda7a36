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
import { authedProcedure, router, rest } from '../trpc.ts';

export const historyRouter = router({
  list: authedProcedure
    .meta(rest('POST', '/history', 'Change sets, newest first'))
    .input(HistoryListInput)
    .output(HistoryPage)
    .query(({ ctx, input }) => listHistory(ctx.db, { user: ctx.user, ...input })),
  rows: authedProcedure
    .meta(rest('POST', '/history/{changeSetId}/rows', 'The rows one change set wrote'))
    .input(HistoryRowsInput)
    .output(HistoryRowsPage)
    .query(({ ctx, input }) => listChangeRows(ctx.db, { user: ctx.user, ...input })),
  undo: authedProcedure
    .meta(rest('POST', '/history/{changeSetId}/undo', 'Undo a change set (undo the undo to redo)'))
    .input(UndoInput)
    .output(UndoResult)
    .mutation(({ ctx, input }) => undoChangeSet(ctx.db, { user: ctx.user, ...input })),
});
