import {
  ImportBatch,
  ImportBatchInput,
  ImportCommitInput,
  ImportCommitResult,
  ImportPreview,
  ImportPreviewInput,
  ImportRowsInput,
  ImportRowsPage,
  UndoResult,
} from '@outlay/contracts';
import { z } from 'zod';
import { commitImport } from '../services/imports/commit-import.ts';
import { listImportRows } from '../services/imports/list-import-rows.ts';
import { listImports } from '../services/imports/list-imports.ts';
import { previewImport } from '../services/imports/preview-import.ts';
import { undoImport } from '../services/imports/undo-import.ts';
import { authedProcedure, router, uploadProcedure, rest } from '../trpc.ts';

export const importsRouter = router({
  /** Takes the file as multipart form data (`FormData`: `file`, optional `accountId`, `hints`). */
  preview: uploadProcedure
    .input(ImportPreviewInput)
    .output(ImportPreview)
    .mutation(({ ctx, input }) => previewImport(ctx.db, { user: ctx.user, ...input })),
  rows: authedProcedure
    .meta(rest('POST', '/imports/{batchId}/rows', 'A page of an import preview, classified'))
    .input(ImportRowsInput)
    .output(ImportRowsPage)
    .query(({ ctx, input }) => listImportRows(ctx.db, { user: ctx.user, ...input })),
  commit: authedProcedure
    .meta(
      rest(
        'POST',
        '/imports/{batchId}/commit',
        'Import a previewed file, with the decisions changed',
      ),
    )
    .input(ImportCommitInput)
    .output(ImportCommitResult)
    .mutation(({ ctx, input }) => commitImport(ctx.db, { user: ctx.user, ...input })),
  list: authedProcedure
    .meta(rest('GET', '/imports', 'Your imports'))
    .output(z.array(ImportBatch))
    .query(({ ctx }) => listImports(ctx.db, { user: ctx.user })),
  undo: authedProcedure
    .meta(rest('POST', '/imports/{batchId}/undo', 'Undo a whole import'))
    .input(ImportBatchInput)
    .output(UndoResult)
    .mutation(({ ctx, input }) => undoImport(ctx.db, { user: ctx.user, ...input })),
});
