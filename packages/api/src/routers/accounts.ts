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
import { authedProcedure, router, rest } from '../trpc.ts';

export const accountsRouter = router({
  list: authedProcedure
    .meta(rest('GET', '/accounts', 'Your accounts, archived ones included'))
    .output(z.array(Account))
    .query(({ ctx }) => listAccounts(ctx.db, { user: ctx.user })),
  create: authedProcedure
    .meta(rest('POST', '/accounts', 'Add an account'))
    .input(CreateAccountInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) => createAccount(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .meta(rest('PATCH', '/accounts/{id}', 'Change an account'))
    .input(UpdateAccountInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) => updateAccount(ctx.db, { user: ctx.user, ...input })),
  archive: authedProcedure
    .meta(rest('POST', '/accounts/{id}/archive', 'Archive an account (its history stays)'))
    .input(IdInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) =>
      setAccountArchived(ctx.db, { user: ctx.user, ...input, archived: true }),
    ),
  unarchive: authedProcedure
    .meta(rest('POST', '/accounts/{id}/unarchive', 'Bring an archived account back'))
    .input(IdInput)
    .output(AccountWritten)
    .mutation(({ ctx, input }) =>
      setAccountArchived(ctx.db, { user: ctx.user, ...input, archived: false }),
    ),
});
