import { TRPCError } from '@trpc/server';

/**
 * Domain errors: services throw these, and one mapper (`toTRPCError`) turns them into tRPC
 * errors, so no service knows about HTTP and no client ever sees a stack trace or SQL.
 */
export type DomainErrorCode =
  'BAD_INPUT' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RATE_LIMITED';

/** Machine-readable reasons a client may act on (e.g. ask for a two-factor code). */
export type DomainErrorReason = 'TWO_FACTOR_REQUIRED' | 'WRONG_PASSWORD';

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
