import { BackupDocument, BackupRestored, BackupRestoreInput } from '@outlay/contracts';
import { clock } from '../context.ts';
import { exportBackup } from '../services/backup/export-backup.ts';
import { restoreBackup } from '../services/backup/restore-backup.ts';
import { authedProcedure, rest, router, uploadProcedure } from '../trpc.ts';

export const backupRouter = router({
  /** Every row of your data as one versioned JSON document (DESIGN §10). */
  export: authedProcedure
    .meta(rest('GET', '/backup', 'Everything in your account as one versioned JSON document'))
    .output(BackupDocument)
    .query(({ ctx }) => exportBackup(ctx.db, { user: ctx.user, now: clock(ctx) })),
  /** Takes the backup as multipart form data (`FormData`: `file`); only into an empty account. */
  restore: uploadProcedure
    .input(BackupRestoreInput)
    .output(BackupRestored)
    .mutation(({ ctx, input }) => restoreBackup(ctx.db, { user: ctx.user, backup: input })),
});
