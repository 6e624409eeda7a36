import {
  ApiTokenList,
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
  SessionList,
  TwoFactorEnrolment,
  TwoFactorStatus,
  User,
} from '@outlay/contracts';
import { clock, REFRESH_COOKIE, requestOrigin, type Context } from '../context.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/auth/api-tokens.ts';
import { changePassword } from '../services/auth/change-password.ts';
import { login } from '../services/auth/login.ts';
import { register } from '../services/auth/register.ts';
import {
  listSessions,
  refreshSession,
  revokeOtherSessions,
  revokeSession,
  type SignedIn,
} from '../services/auth/sessions.ts';
import {
  confirmTwoFactor,
  disableTwoFactor,
  startTwoFactorEnrolment,
  twoFactorEnabled,
} from '../services/two-factor/two-factor.ts';
import { authedProcedure, publicProcedure, router, sessionProcedure, rest } from '../trpc.ts';

const ok = { ok: true as const };

/** What the auth services need from the request: where it came from, when, and the limits. */
function requestOptions(ctx: Context) {
  return { from: requestOrigin(ctx), now: clock(ctx), limits: ctx.limits };
}

/** What starting or refreshing a session needs. */
function issuer(ctx: Context) {
  return { tokens: ctx.tokens, lifetimes: ctx.auth };
}

/** The refresh token goes into the cookie; the answer carries the access token only. */
async function withRefreshCookie(ctx: Context, signingIn: Promise<SignedIn>): Promise<Session> {
  const { session, refreshToken } = await signingIn;
  ctx.cookies.set(REFRESH_COOKIE, refreshToken.value, refreshToken.maxAgeSeconds);
  return session;
}

export const authRouter = router({
  register: publicProcedure
    .meta(rest('POST', '/auth/register', 'Create an account and sign in', 'public'))
    .input(RegisterInput)
    .output(Session)
    .mutation(({ ctx, input }) =>
      withRefreshCookie(
        ctx,
        register(ctx.db, { ...input, ...requestOptions(ctx), ...issuer(ctx) }),
      ),
    ),
  login: publicProcedure
    .meta(rest('POST', '/auth/login', 'Sign in: an access token for the bearer header', 'public'))
    .input(LoginInput)
    .output(Session)
    .mutation(({ ctx, input }) =>
      withRefreshCookie(ctx, login(ctx.db, { ...input, ...requestOptions(ctx), ...issuer(ctx) })),
    ),
  /** Trades the refresh-token cookie for a new access token (and a new refresh token). */
  refresh: publicProcedure.output(Session).mutation(({ ctx }) =>
    withRefreshCookie(
      ctx,
      refreshSession(ctx.db, {
        refreshToken: ctx.cookies.get(REFRESH_COOKIE),
        ...requestOptions(ctx),
        ...issuer(ctx),
      }),
    ).catch((error: unknown) => {
      // A refused refresh token is of no further use to the browser.
      ctx.cookies.clear(REFRESH_COOKIE);
      throw error;
    }),
  ),
  me: authedProcedure
    .meta(rest('GET', '/auth/me', 'Who the token belongs to'))
    .output(User)
    .query(({ ctx }) => {
      const { credential: _credential, dataVersion: _dataVersion, ...user } = ctx.user;
      return user;
    }),
  logout: sessionProcedure.output(Ok).mutation(async ({ ctx }) => {
    await revokeSession(ctx.db, {
      user: ctx.user,
      sessionId: ctx.session.sessionId,
      now: clock(ctx),
    });
    ctx.cookies.clear(REFRESH_COOKIE);
    return ok;
  }),
  sessions: sessionProcedure.output(SessionList).query(({ ctx }) =>
    listSessions(ctx.db, {
      user: ctx.user,
      currentSessionId: ctx.session.sessionId,
      lifetimes: ctx.auth,
      now: clock(ctx),
    }),
  ),
  revokeSession: sessionProcedure
    .input(IdInput)
    .output(Ok)
    .mutation(async ({ ctx, input }) => {
      await revokeSession(ctx.db, { user: ctx.user, sessionId: input.id, now: clock(ctx) });
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
      await changePassword(ctx.db, { user: ctx.user, ...input, ...requestOptions(ctx) });
      return ok;
    }),
  apiTokens: router({
    list: sessionProcedure
      .output(ApiTokenList)
      .query(({ ctx }) => listApiTokens(ctx.db, { user: ctx.user })),
    create: sessionProcedure
      .input(CreateApiTokenInput)
      .output(CreatedApiToken)
      .mutation(({ ctx, input }) =>
        createApiToken(ctx.db, { user: ctx.user, ...input, from: requestOrigin(ctx) }),
      ),
    revoke: sessionProcedure
      .input(IdInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await revokeApiToken(ctx.db, {
          user: ctx.user,
          tokenId: input.id,
          from: requestOrigin(ctx),
          now: clock(ctx),
        });
        return ok;
      }),
  }),
  twoFactor: router({
    status: sessionProcedure
      .output(TwoFactorStatus)
      .query(async ({ ctx }) => ({ enabled: await twoFactorEnabled(ctx.db, { user: ctx.user }) })),
    start: sessionProcedure
      .output(TwoFactorEnrolment)
      .mutation(({ ctx }) => startTwoFactorEnrolment(ctx.db, { user: ctx.user })),
    confirm: sessionProcedure
      .input(ConfirmTwoFactorInput)
      .output(RecoveryCodes)
      .mutation(({ ctx, input }) =>
        confirmTwoFactor(ctx.db, { user: ctx.user, ...input, ...requestOptions(ctx) }),
      ),
    disable: sessionProcedure
      .input(DisableTwoFactorInput)
      .output(Ok)
      .mutation(async ({ ctx, input }) => {
        await disableTwoFactor(ctx.db, { user: ctx.user, ...input, ...requestOptions(ctx) });
        return ok;
      }),
  }),
});
