/**
 * tRPC is initialised once, here. No transformer: the API speaks plain JSON (ISO date strings,
 * integer minor units), so any HTTP client can read it. The error formatter exposes Zod issues for
 * bad input and hides the message of anything unexpected.
 *
 * Procedure builders, from least to most trusted:
 * - publicProcedure: anyone; counted against the per-address request limit.
 * - authedProcedure: a valid access token or API token, counted against the user's limit. Runs inside a transaction that sets the
 *   user id and switches to the non-superuser role `outlay_app`, so row-level security confines
 *   every query to the user's own rows even if a service forgets its `where user_id`.
 *   Read-only API tokens are refused on every mutation.
 * - uploadProcedure: authed, with a multipart form (a file) as input.
 * - streamProcedure: a valid credential, answering a stream (an async generator) whose service
 *   reads each piece in a transaction of its own in the user's row-level-security context.
 * - sessionProcedure: authed through a signed-in session (not an API token): account settings.
 * - adminProcedure: a session of a user with the `admin` role; runs on the owner connection.
 */
import { isAsyncIterable, MAX_IMPORT_UPLOAD_BYTES } from '@outlay/contracts';
import { initTRPC, TRPCError, type ProcedureType } from '@trpc/server';
import type { OpenApiMeta, OpenApiMethod } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import { clock, type Context } from './context.ts';
import type { ErrorData, ZodIssueSummary } from './error-shape.ts';
import { databaseRefusal, DomainError, toTRPCError } from './errors.ts';
import { authenticate } from './services/auth/authenticate.ts';
import type { AuthUser } from './services/auth/user.ts';

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
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
        } satisfies ErrorData,
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * The one error mapper: the services' domain errors, and the database's refusals that only input
 * can cause (errors.ts), become tRPC errors here; anything else stays an internal error.
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw toTRPCError(cause);
    const refusal = databaseRefusal(cause);
    if (refusal) throw toTRPCError(refusal);
  }
  return result;
});

/**
 * Counts this request against `key` once, however many procedures its batch holds; they all
 * share the outcome, so a refused batch is refused whole.
 */
function countRequest(ctx: Context, key: string): Promise<void> {
  let counted = ctx.counted.get(key);
  if (!counted) {
    counted = ctx.limits.consumeRequest(key);
    ctx.counted.set(key, counted);
  }
  return counted;
}

const procedure = t.procedure.use(mapErrors);

/** Anyone: counted against the address's request limit. */
export const publicProcedure = procedure.use(async ({ ctx, next }) => {
  await countRequest(ctx, `ip:${ctx.ip}`);
  return next();
});

/** A refused credential counts against the address, as an anonymous request would. */
async function unauthorized(ctx: Context): Promise<never> {
  await countRequest(ctx, `ip:${ctx.ip}`);
  throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
}

/**
 * Refuses what the credential may not do, then counts the request against the user's limit
 * (not the address's: people behind one address do not share a budget).
 */
async function admit(ctx: Context, user: AuthUser, type: ProcedureType): Promise<void> {
  if (
    type === 'mutation' &&
    user.credential.kind === 'api-token' &&
    user.credential.scope === 'read'
  ) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This API token is read-only' });
  }
  await countRequest(ctx, `user:${user.id}`);
}

/** Authenticated on the owner connection, outside row-level security (administration). */
const authenticated = procedure.use(async ({ ctx, next, type }) => {
  const user = ctx.accessToken
    ? await authenticate(ctx.db, {
        bearer: ctx.accessToken,
        tokens: ctx.tokens,
        now: clock(ctx),
        enterUserContext: false,
      })
    : null;
  if (!user) return unauthorized(ctx);
  await admit(ctx, user, type);
  return next({ ctx: { user } });
});

/**
 * The credential look-up is the transaction's first statement and also enters the user's
 * row-level-security context (services/auth/authenticate.ts), so a read costs BEGIN, that
 * look-up, its own queries and COMMIT: round trips are a large part of a small request's cost.
 */
export const authedProcedure = procedure.use(async ({ ctx, next, type }) => {
  const bearer = ctx.accessToken;
  const result = bearer
    ? await ctx.db.transaction().execute(async (db) => {
        const user = await authenticate(db, {
          bearer,
          tokens: ctx.tokens,
          now: clock(ctx),
          enterUserContext: true,
        });
        if (!user) return null;
        await admit(ctx, user, type);
        const outcome = await next({ ctx: { user, db } });
        // A failed procedure must not commit what it wrote before failing.
        if (!outcome.ok) throw outcome.error;
        return outcome;
      })
    : null;
  return result ?? unauthorized(ctx);
});

/**
 * A signed-in procedure whose input is a multipart form (a file upload). The form is read before
 * its schema sees it, and a body that is not a readable form — cut short, malformed, or larger
 * than the server reads (the HTTP layer stops it) — is the client's mistake: a BAD_REQUEST in
 * words, never an internal error.
 */
export const uploadProcedure = authedProcedure.use(async ({ getRawInput, next }) => {
  try {
    await getRawInput();
  } catch {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `The upload could not be read: send one multipart form (FormData) of at most ${Math.floor(MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024)} MB`,
    });
  }
  return next();
});

/**
 * A signed-in procedure whose answer is a stream (an async generator, sent as JSON lines through
 * `httpBatchStreamLink`). tRPC reads the stream after the procedure has returned, so a
 * transaction held by the procedure (as `authedProcedure` holds one) would be committed before
 * the first piece is read, and a generator reading through it would meet a closed transaction.
 * So the credential is checked on its own here (the owner connection, like administration), and
 * the service reads each piece in a short transaction of its own that enters the user's
 * row-level-security context (`withUserTransaction`). Its context's `db` is the bare database:
 * a service on it must do that. An error raised while streaming is mapped like any procedure's.
 */
export const streamProcedure = authenticated.use(async ({ next }) => {
  const result = await next();
  if (!result.ok || !isAsyncIterable(result.data)) return result;
  return { ...result, data: mapStreamErrors(result.data) };
});

/** The error mapper, for errors raised after the procedure returned: while its stream is read. */
async function* mapStreamErrors<T>(stream: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  try {
    yield* stream;
  } catch (cause) {
    if (cause instanceof DomainError) throw toTRPCError(cause);
    const refusal = databaseRefusal(cause);
    if (refusal) throw toTRPCError(refusal);
    throw cause;
  }
}

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

/** The refusals a REST route may answer with, each with `data` saying more (error-shape.ts). */
const REFUSALS = {
  400: 'The input was refused: data.zodIssues says which field and why',
  404: 'Nothing of yours has that id',
  409: 'It clashes with what is there now (a name already taken, a change made since)',
  413: 'The request is larger than Outlay reads',
  429: 'Too many requests: data.retryAfterSeconds says when to try again',
  500: 'Outlay failed; nothing was changed',
};
const SIGNED_IN_REFUSALS = {
  ...REFUSALS,
  401: 'No valid token: sign in, or send an API token',
  403: 'The token may not do this (a read-only API token writing)',
};

/**
 * A procedure's REST route: in the OpenAPI document (`/openapi.json`) and served under
 * `/api/v1`, generated from the same procedure, contract and middleware as its tRPC call. Its
 * tag is the path's first segment. Reads whose input does not fit in a query string (a filter)
 * are POSTs. Procedures without one (a browser session's own settings, the file upload) are
 * tRPC only. `public` marks a route anyone may call (no bearer token).
 */
export function rest(
  method: OpenApiMethod,
  path: `/${string}`,
  summary: string,
  access: 'signed-in' | 'public' = 'signed-in',
): OpenApiMeta {
  const signedIn = access === 'signed-in';
  return {
    openapi: {
      method,
      path,
      summary,
      tags: [path.split('/')[1]!],
      protect: signedIn,
      errorResponses: signedIn ? SIGNED_IN_REFUSALS : REFUSALS,
    },
  };
}
