/**
 * tRPC is initialised once, here. No transformer: the API speaks plain JSON (ISO date strings,
 * integer minor units), so any HTTP client can read it. The error formatter exposes Zod issues for
 * bad input and hides the message of anything unexpected.
 *
 * Procedure builders, from least to most trusted:
 * - publicProcedure: anyone; counted against the per-IP request limit.
 * - authedProcedure: a valid access token or API token. Runs inside a transaction that sets the
 *   user id and switches to the non-superuser role `outlay_app`, so row-level security confines
 *   every query to the user's own rows even if a service forgets its `where user_id`.
 *   Read-only API tokens are refused on every mutation.
 * - sessionProcedure: authed through a signed-in session (not an API token): account settings.
 * - adminProcedure: a session of a user with the `admin` role; runs on the owner connection.
 */
import { initTRPC, TRPCError, type ProcedureType } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.ts';
import { DomainError, toTRPCError } from './errors.ts';
import { authenticate } from './services/auth/authenticate.ts';
import type { AuthUser } from './services/auth/user.ts';

export interface ZodIssueSummary {
  code: string;
  path: (string | number)[];
  message: string;
}

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const zodIssues: ZodIssueSummary[] | null =
      error.cause instanceof ZodError
        ? error.cause.issues.map((issue) => ({
            code: issue.code,
            path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
            message: issue.message,
          }))
        : null;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const domain = error.cause instanceof DomainError ? error.cause : null;
    return {
      ...shape,
      message: internal ? 'Internal server error' : zodIssues ? 'Invalid input' : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodIssues,
        reason: domain?.reason ?? null,
        retryAfterSeconds: domain?.retryAfterSeconds ?? null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns the services' domain errors into tRPC errors in one place. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors).use(async ({ ctx, next }) => {
  // Each procedure of a batch passes here, so each one counts.
  await ctx.limits.consumeRequest(`ip:${ctx.ip}`);
  return next();
});

const unauthorized = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });

/** Refuses what the credential may not do, then counts the request against the user's limit. */
async function admit(ctx: Context, user: AuthUser, type: ProcedureType): Promise<void> {
  if (
    type === 'mutation' &&
    user.credential.kind === 'api-token' &&
    user.credential.scope === 'read'
  ) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This API token is read-only' });
  }
  await ctx.limits.consumeRequest(`user:${user.id}`);
}

/** Authenticated on the owner connection, outside row-level security (administration). */
const authenticated = publicProcedure.use(async ({ ctx, next, type }) => {
  const user = ctx.accessToken ? await authenticate(ctx, ctx.accessToken) : null;
  if (!user) throw unauthorized();
  await admit(ctx, user, type);
  return next({ ctx: { user } });
});

/**
 * The credential look-up is the transaction's first statement and also enters the user's
 * row-level-security context (services/auth/authenticate.ts), so a read costs BEGIN, that
 * look-up, its own queries and COMMIT: round trips are a large part of a small request's cost.
 */
export const authedProcedure = publicProcedure.use(({ ctx, next, type }) => {
  const bearer = ctx.accessToken;
  if (!bearer) throw unauthorized();
  return ctx.db.transaction().execute(async (db) => {
    const user = await authenticate(ctx, bearer, db);
    if (!user) throw unauthorized();
    await admit(ctx, user, type);
    const result = await next({ ctx: { user, db } });
    // A failed procedure must not commit what it wrote before failing.
    if (!result.ok) throw result.error;
    return result;
  });
});

export const sessionProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.credential.kind !== 'session') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Sign in to manage your account' });
  }
  return next({ ctx: { session: ctx.user.credential } });
});

export const adminProcedure = authenticated.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin' || ctx.user.credential.kind !== 'session') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Administrators only' });
  }
  return next();
});
