import { MAX_ACCOUNTS, MAX_CATEGORIES } from '@outlay/contracts';
import { TRPCError } from '@trpc/server';

/**
 * Domain errors: services throw these, and one mapper (`toTRPCError`) turns them into tRPC
 * errors, so no service knows about HTTP and no client ever sees a stack trace or SQL.
 */
export type DomainErrorCode =
  'BAD_INPUT' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

/** Machine-readable reasons a client may act on (e.g. ask for a two-factor code). */
export type DomainErrorReason = 'TWO_FACTOR_REQUIRED' | 'WRONG_PASSWORD' | 'WRONG_CODE';

export class DomainError extends Error {
  readonly retryAfterSeconds: number | undefined;
  readonly reason: DomainErrorReason | undefined;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    extra: { retryAfterSeconds?: number; reason?: DomainErrorReason } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.reason = extra.reason;
  }
}

const trpcCodes = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
} as const satisfies Record<DomainErrorCode, TRPCError['code']>;

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: trpcCodes[error.code], message: error.message, cause: error });
}

/**
 * The database's refusals that only input can cause, by SQLSTATE (pg and PGlite both report it
 * as `code`). Contracts and services refuse such input first; this is the backstop, so a race the
 * services cannot see (two registrations with one email at once) or a value a contract missed is
 * a clear 4xx, never a 500. Anything else from the database stays an internal error.
 */
const DATABASE_REFUSALS: Record<string, [DomainErrorCode, string]> = {
  // unique_violation: two requests created the same thing at once.
  '23505': ['CONFLICT', 'This conflicts with something that already exists'],
  '23503': ['BAD_INPUT', 'This refers to something that does not exist'],
  '23502': ['BAD_INPUT', 'A required value is missing'],
  '23514': ['BAD_INPUT', 'A value is not allowed here'],
};

/** Constraints whose refusal a person should read in the words of the form they filled in. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  users_email_key: 'An account with this email already exists',
  categories_per_user: `You have ${MAX_CATEGORIES} categories, the most allowed`,
  accounts_per_user: `You have ${MAX_ACCOUNTS} accounts, the most allowed`,
};

export function databaseRefusal(error: unknown): DomainError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, severity, constraint } = error as Record<string, unknown>;
  // A server error report (pg's and PGlite's DatabaseError) carries a severity and a SQLSTATE.
  if (typeof severity !== 'string' || typeof code !== 'string') return undefined;
  // Class 22, data exception: a value the column cannot hold (NUL in text, a date out of range…).
  const refusal =
    DATABASE_REFUSALS[code] ??
    (code.startsWith('22') ? (['BAD_INPUT', 'A value is not valid here'] as const) : undefined);
  if (!refusal) return undefined;
  const message = typeof constraint === 'string' ? CONSTRAINT_MESSAGES[constraint] : undefined;
  return new DomainError(refusal[0], message ?? refusal[1]);
}

/** Seconds a client should wait, when the error is a rate limit (for the Retry-After header). */
export function retryAfterSeconds(error: unknown): number | undefined {
  const cause = error instanceof TRPCError ? error.cause : error;
  return cause instanceof DomainError ? cause.retryAfterSeconds : undefined;
}

/**
 * The SQLSTATE and constraint name of an error the database raised (both drivers report them),
 * so a service can turn an integrity violation it expects into a DomainError; undefined otherwise.
 */
export function databaseErrorOf(
  error: unknown,
): { code: string; constraint: string | undefined } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return { code, constraint: typeof constraint === 'string' ? constraint : undefined };
}
