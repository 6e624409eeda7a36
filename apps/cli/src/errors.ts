/**
 * Exit codes and the one place where a failure becomes words. Commands throw `CliError`s (or let
 * a client error through); main.ts prints `describeFailure(error)` on stderr and exits with its
 * code. No stack trace ever reaches the terminal.
 */
import { isOutlayError } from '@outlay/client';

export const EXIT = {
  ok: 0,
  /** Anything else: the server failed, the config file is unreadable… */
  error: 1,
  /** The command line is wrong: unknown command or flag, a value that cannot be right. */
  usage: 2,
  /** Not signed in, or the server refused the token. */
  auth: 3,
  /** Something named on the command line does not exist (a category). */
  notFound: 4,
  /** Rate-limited, or the server cannot be reached or is unavailable: try again later. */
  unavailable: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);

/** What a failed call means, given where the command was talking to. */
export interface FailureContext {
  url: string;
  /** Where the token came from, to say which one was refused. */
  tokenSource: 'OUTLAY_TOKEN' | 'login' | 'argument';
  /** Turns a path of the procedure's input (`filter.to`) into the flag that set it (`--to`). */
  flagFor?: (path: (string | number)[]) => string | undefined;
  /** The HTTP status of the answer, when one came. */
  httpStatus?: number;
}

/**
 * Why a request never got an answer, from the error's causes: a timeout, a system error code
 * (`ECONNREFUSED`, `ENOTFOUND`…), or the reason under fetch's own "fetch failed" ("bad port").
 */
function networkFailure(error: unknown): string | undefined {
  let fetchFailed = false;
  let innermost: string | undefined;
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 6; depth++) {
    const { code, name, message } = cause as { code?: unknown; name?: unknown; message?: unknown };
    if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
    if (typeof code === 'string' && code.startsWith('E')) return code;
    if (message === 'fetch failed') fetchFailed = true;
    if (typeof message === 'string') innermost = message;
    cause = (cause as { cause?: unknown }).cause;
  }
  return fetchFailed ? innermost : undefined;
}

const REFUSED_TOKEN: Record<FailureContext['tokenSource'], string> = {
  OUTLAY_TOKEN: 'The server refused the token in OUTLAY_TOKEN (revoked, or not for this server).',
  login:
    'The server refused the stored token (revoked, or not for this server). Run `outlay login` again.',
  argument: 'The server refused this token (revoked, mistyped, or not for this server).',
};

/** A failure in words, with the exit code it maps to. */
export function describeFailure(
  error: unknown,
  context?: FailureContext,
): { exitCode: ExitCode; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (!isOutlayError(error) || !context) {
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: EXIT.error, message: `Unexpected failure: ${message}` };
  }
  const data = error.data;
  if (!data) {
    // The server was not reached, or what answered was not an Outlay server.
    const cause = networkFailure(error);
    if (cause === 'timeout') {
      return {
        exitCode: EXIT.unavailable,
        message: `${context.url} did not answer in time. Try again later.`,
      };
    }
    if (cause) {
      return {
        exitCode: EXIT.unavailable,
        message: `Could not reach the Outlay server at ${context.url} (${cause}). Is it running?`,
      };
    }
    const status = context.httpStatus;
    // A gateway in front of the server says it is down or slow: worth trying again.
    if (status === 502 || status === 503 || status === 504) {
      return {
        exitCode: EXIT.unavailable,
        message: `${context.url} is unavailable (HTTP ${status}). Try again later.`,
      };
    }
    return {
      exitCode: EXIT.error,
      message: `${context.url} did not answer like an Outlay server${status ? ` (HTTP ${status})` : ''}. Check the URL.`,
    };
  }
  switch (data.code) {
    case 'UNAUTHORIZED':
      return { exitCode: EXIT.auth, message: REFUSED_TOKEN[context.tokenSource] };
    case 'FORBIDDEN':
      return { exitCode: EXIT.auth, message: `Not allowed: ${error.message}` };
    case 'NOT_FOUND':
      return { exitCode: EXIT.notFound, message: error.message };
    case 'TOO_MANY_REQUESTS': {
      const wait = data.retryAfterSeconds;
      return {
        exitCode: EXIT.unavailable,
        message: `Too many requests${wait ? `: try again in ${wait} s` : '; try again shortly'}.`,
      };
    }
    case 'BAD_REQUEST': {
      const issues = (data.zodIssues ?? []).map((issue) => {
        const flag = context.flagFor?.(issue.path);
        return flag ? `${flag}: ${issue.message}` : issue.message;
      });
      return {
        exitCode: EXIT.usage,
        message: issues.length > 0 ? issues.join('\n') : error.message,
      };
    }
    case 'SERVICE_UNAVAILABLE':
    case 'BAD_GATEWAY':
    case 'GATEWAY_TIMEOUT':
      return {
        exitCode: EXIT.unavailable,
        message: `${context.url} is unavailable (${error.message}). Try again later.`,
      };
    default:
      return { exitCode: EXIT.error, message: `The server could not do this: ${error.message}` };
  }
}
