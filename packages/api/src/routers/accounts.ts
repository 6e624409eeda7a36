import {
  Account,
  AccountWritten,
  CreateAccountInput,
  IdInput,
  UpdateAccountInput,
} from '@outlay/contracts';
import { z } from 'zod';
import { setAccountArchived } from '../services/accounts/archive-account.ts';
import { createAccount } from '../services/accounts/create-account.ts';
import { listAccounts } from '../services/accounts/list-accounts.ts';
import { updateAccount } from '../services/accounts/update-account.ts';
import { authedProcedure, router } from '../trpc.ts';

export const accountsRouter = router({
  list: authedProcedure
    .output(z.array(Account))
    .query(({ ctx }) => listAccounts(ctx.db, { user: ctx.user })),
  create: authedProcedure
    .input(CreateAccountInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) => createAccount(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .input(UpdateAccountInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) => updateAccount(ctx.db, { user: ctx.user, ...input })),
  archive: authedProcedure
    .input(IdInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) =>
      setAccountArchived(ctx.db, { user: ctx.user, ...input, archived: true }),
    ),
  unarchive: authedProcedure
    .input(IdInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) =>
      setAccountArchived(ctx.db, { user: ctx.user, ...input, archived: false }),
    ),
});
