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
import { authedProcedure, router, uploadProcedure } from '../trpc.ts';

export const importsRouter = router({
  /** Takes the file as multipart form data (`FormData`: `file`, optional `accountId`, `hints`). */
  preview: uploadProcedure
    .input(ImportPreviewInput)
    .output(ImportPreview)
    .mutation(({ ctx, input }) => previewImport(ctx.db, { user: ctx.user, ...input })),
  rows: authedProcedure
    .input(ImportRowsInput)
    .output(ImportRowsPage)
    .query(({ ctx, input }) => listImportRows(ctx.db, { user: ctx.user, ...input })),
  commit: authedProcedure
    .input(ImportCommitInput)
    .output(ImportCommitResult)
    .mutation(({ ctx, input }) => commitImport(ctx.db, { user: ctx.user, ...input })),
  list: authedProcedure
    .output(z.array(ImportBatch))
    .query(({ ctx }) => listImports(ctx.db, { user: ctx.user })),
  undo: authedProcedure
    .input(ImportBatchInput)
    .output(UndoResult)
    .mutation(({ ctx, input }) => undoImport(ctx.db, { user: ctx.user, ...input })),
});
