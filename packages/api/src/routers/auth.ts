import { LoginInput, Session, User } from '@outlay/contracts';
import { z } from 'zod';
import { login } from '../services/auth/login.ts';
import { logout } from '../services/auth/logout.ts';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';

export const authRouter = router({
  login: publicProcedure
    .input(LoginInput)
    .output(Session)
    .mutation(({ ctx, input }) => login(ctx, input)),
  me: authedProcedure.output(User).query(({ ctx }) => {
    const { sessionId: _sessionId, ...user } = ctx.user;
    return user;
  }),
  logout: authedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await logout(ctx.db, ctx.user.id, ctx.user.sessionId);
    return { ok: true as const };
  }),
});
