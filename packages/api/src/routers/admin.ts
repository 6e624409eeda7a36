import { AdminUser, IdInput, Ok, SetRoleInput } from '@outlay/contracts';
import { z } from 'zod';
import { disableUser, listUsers, setUserRole } from '../services/admin/users.ts';
import { adminProcedure, router } from '../trpc.ts';

export const adminRouter = router({
  users: router({
    list: adminProcedure.output(z.array(AdminUser)).query(({ ctx }) => listUsers(ctx)),
    disable: adminProcedure
      .input(IdInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await disableUser(ctx, ctx.user.id, input.id);
        return { ok: true as const };
      }),
    setRole: adminProcedure
      .input(SetRoleInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await setUserRole(ctx, ctx.user.id, input.id, input.role);
        return { ok: true as const };
      }),
  }),
});
