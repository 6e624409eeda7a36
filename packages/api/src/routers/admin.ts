import { AdminUserList, IdInput, Ok, SetRoleInput } from '@outlay/contracts';
import { disableUser, listUsers, setUserRole } from '../services/admin/users.ts';
import { clock, requestOrigin } from '../context.ts';
import { adminProcedure, router } from '../trpc.ts';

export const adminRouter = router({
  users: router({
    list: adminProcedure
      .output(AdminUserList)
      .query(({ ctx }) => listUsers(ctx.db, { user: ctx.user })),
    disable: adminProcedure
      .input(IdInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await disableUser(ctx.db, {
          user: ctx.user,
          targetUserId: input.id,
          from: requestOrigin(ctx),
          now: clock(ctx),
        });
        return { ok: true as const };
      }),
    setRole: adminProcedure
      .input(SetRoleInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await setUserRole(ctx.db, {
          user: ctx.user,
          targetUserId: input.id,
          role: input.role,
          from: requestOrigin(ctx),
        });
        return { ok: true as const };
      }),
  }),
});
