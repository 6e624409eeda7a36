/**
 * Reading the server's errors for forms. The API's error formatter (packages/api/src/trpc.ts)
 * adds `zodIssues` for bad input, a machine-readable `reason` (two-factor needed) and
 * `retryAfterSeconds` for rate limits; these helpers turn them into words next to the right field.
 */
import { TRPCClientError, type AppRouter } from '@outlay/client';

export interface ApiError {
  /** The tRPC code (`BAD_REQUEST`, `UNAUTHORIZED`…); undefined when the server was not reached. */
  code: string | undefined;
  message: string;
  reason: string | null;
  retryAfterSeconds: number | null;
  /** The first problem per top-level input field, e.g. `{ password: 'Use at least 8 characters' }`. */
  fields: Partial<Record<string, string>>;
}

export function apiError(error: unknown): ApiError {
  if (!(error instanceof TRPCClientError)) {
    return { code: undefined, message: '', reason: null, retryAfterSeconds: null, fields: {} };
  }
  const data = (error as TRPCClientError<AppRouter>).data;
  const fields: Partial<Record<string, string>> = {};
  for (const issue of data?.zodIssues ?? []) {
    const key = String(issue.path[0] ?? '');
    fields[key] ??= issue.message;
  }
  return {
    code: data?.code,
    message: error.message,
    reason: data?.reason ?? null,
    retryAfterSeconds: data?.retryAfterSeconds ?? null,
    fields,
  };
}

/** "Too many attempts. Try again in 3 minutes." — whole minutes, rounded up. */
export function tooManyAttemptsMessage(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null || !(retryAfterSeconds > 0)) {
    return 'Too many attempts. Wait a few minutes, then try again.';
  }
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * The message for an error no field owns: rate limits with their wait, the network, the rest.
 * `fallback` is the action that failed, in words ("Outlay could not change your password.").
 */
export function generalErrorMessage(error: ApiError, fallback: string): string {
  if (error.code === 'TOO_MANY_REQUESTS') return tooManyAttemptsMessage(error.retryAfterSeconds);
  if (error.code === undefined) {
    return 'Can’t reach Outlay right now. Check your connection and try again.';
  }
  return fallback;
}

/** A refused password (change password, turn off two-factor), as opposed to an ended session. */
export function isWrongPassword(error: ApiError): boolean {
  return error.code === 'UNAUTHORIZED' && error.reason === 'WRONG_PASSWORD';
}

/**
 * Why a write was refused, in the server's words where it gave some: the first field problem of
 * bad input, or the message of a refusal (a name that is taken, a category still in use — the
 * CONFLICT names how many rows use it). Rate limits and the network as `generalErrorMessage`.
 */
export function writeErrorMessage(error: ApiError, fallback: string): string {
  if (error.code === 'BAD_REQUEST' || error.code === 'CONFLICT' || error.code === 'NOT_FOUND') {
    return Object.values(error.fields)[0] ?? (error.message || fallback);
  }
  return generalErrorMessage(error, fallback);
}

/**
 * Why the server refused a new password (registration, changing it), for under its field: the
 * input problem of that field, or — bad input naming no field — the password policy's own words
 * (too common, or the email address itself). Undefined when the refusal is about something else.
 */
export function newPasswordRefusal(error: ApiError, field: string): string | undefined {
  if (error.code !== 'BAD_REQUEST') return undefined;
  const problem = error.fields[field];
  if (problem) return `${problem}.`;
  if (Object.keys(error.fields).length === 0) return error.message || undefined;
  return undefined;
}
