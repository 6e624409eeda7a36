import {
  ApiToken,
  ChangePasswordInput,
  ConfirmTwoFactorInput,
  CreateApiTokenInput,
  CreatedApiToken,
  DisableTwoFactorInput,
  IdInput,
  LoginInput,
  Ok,
  RecoveryCodes,
  RegisterInput,
  Session,
  SessionInfo,
  TwoFactorEnrolment,
  TwoFactorStatus,
  User,
} from '@outlay/contracts';
import { z } from 'zod';
import { clock, REFRESH_COOKIE } from '../context.ts';
import { recordAudit } from '../services/audit/record-audit.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/auth/api-tokens.ts';
import { changePassword } from '../services/auth/change-password.ts';
import { login } from '../services/auth/login.ts';
import { register } from '../services/auth/register.ts';
import {
  listSessions,
  refreshSession,
  revokeOtherSessions,
  revokeSession,
} from '../services/auth/sessions.ts';
import {
  confirmTwoFactor,
  disableTwoFactor,
  startTwoFactorEnrolment,
  twoFactorEnabled,
} from '../services/two-factor/two-factor.ts';
import { authedProcedure, publicProcedure, router, sessionProcedure } from '../trpc.ts';

const ok = { ok: true as const };

export const authRouter = router({
  register: publicProcedure
    .input(RegisterInput)
    .output(Session)
    .mutation(({ ctx, input }) => register(ctx, input)),
  login: publicProcedure
    .input(LoginInput)
    .output(Session)
    .mutation(({ ctx, input }) => login(ctx, input)),
  /** Trades the refresh-token cookie for a new access token (and a new refresh token). */
  refresh: publicProcedure.output(Session).mutation(({ ctx }) => refreshSession(ctx)),
  me: authedProcedure.output(User).query(({ ctx }) => {
    const { credential: _credential, dataVersion: _dataVersion, ...user } = ctx.user;
    return user;
  }),
  logout: sessionProcedure.output(Ok).mutation(async ({ ctx }) => {
    await revokeSession(ctx, ctx.user.id, ctx.session.sessionId);
    ctx.cookies.clear(REFRESH_COOKIE);
    return ok;
  }),
  sessions: sessionProcedure
    .output(z.array(SessionInfo))
    .query(({ ctx }) => listSessions(ctx, ctx.user.id, ctx.session.sessionId)),
  revokeSession: sessionProcedure
    .input(IdInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await revokeSession(ctx, ctx.user.id, input.id);
      return ok;
    }),
  /** Signs out every other browser and device; this one stays signed in. */
  revokeOtherSessions: sessionProcedure.output(Ok).mutation(async ({ ctx }) => {
    await revokeOtherSessions(ctx.db, {
      user: ctx.user,
      currentSessionId: ctx.session.sessionId,
      now: clock(ctx),
    });
    return ok;
  }),
  changePassword: sessionProcedure
    .input(ChangePasswordInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx, ctx.user, input);
      return ok;
    }),
  apiTokens: router({
    list: sessionProcedure
      .output(z.array(ApiToken))
      .query(({ ctx }) => listApiTokens(ctx, ctx.user.id)),
    create: sessionProcedure
      .input(CreateApiTokenInput)
      .output(CreatedApiToken)
      .mutation(({ ctx, input }) => createApiToken(ctx, ctx.user.id, input)),
    revoke: sessionProcedure
      .input(IdInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await revokeApiToken(ctx, ctx.user.id, input.id);
        return ok;
      }),
  }),
  twoFactor: router({
    status: sessionProcedure
      .output(TwoFactorStatus)
      .query(async ({ ctx }) => ({ enabled: await twoFactorEnabled(ctx.db, ctx.user.id) })),
    start: sessionProcedure
      .output(TwoFactorEnrolment)
      .mutation(({ ctx }) => startTwoFactorEnrolment(ctx.db, ctx.user)),
    confirm: sessionProcedure
      .input(ConfirmTwoFactorInput)
      .output(RecoveryCodes)
      .mutation(async ({ ctx, input }) => {
        const result = await confirmTwoFactor(ctx.db, ctx.user.id, input.code);
        await recordAudit(ctx.db, {
          action: 'auth.two_factor.enabled',
          userId: ctx.user.id,
          ip: ctx.ip,
        });
        return result;
      }),
    disable: sessionProcedure
      .input(DisableTwoFactorInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await disableTwoFactor(ctx.db, ctx.user.id, input.password);
        await recordAudit(ctx.db, {
          action: 'auth.two_factor.disabled',
          userId: ctx.user.id,
          ip: ctx.ip,
        });
        return ok;
      }),
  }),
});
