/**
 * tRPC is initialised once, here. No transformer: the API speaks plain JSON (ISO date strings,
 * integer minor units), so any HTTP client can read it. The error formatter exposes Zod issues for
 * bad input and hides the message of anything unexpected.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.ts';
import { DomainError, toTRPCError } from './errors.ts';
import { authenticate } from './services/auth/authenticate.ts';

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
    return {
      ...shape,
      message: internal ? 'Internal server error' : zodIssues ? 'Invalid input' : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodIssues,
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

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = ctx.accessToken ? await authenticate(ctx, ctx.accessToken) : null;
  if (!user) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  }
  return next({ ctx: { ...ctx, user } });
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Administrators only' });
  }
  return next();
});
