import { TRPCClientError } from '@outlay/client';
import { describe, expect, it } from 'vitest';
import {
  apiError,
  generalErrorMessage,
  isWrongPassword,
  newPasswordRefusal,
  tooManyAttemptsMessage,
  writeErrorMessage,
} from './api-errors.ts';

/** An error as the client builds it from the server's JSON (see packages/api/src/trpc.ts). */
function serverError(code: string, message: string, data: object = {}) {
  return TRPCClientError.from({
    error: {
      code: -32_000,
      message,
      data: {
        code,
        httpStatus: 400,
        path: 'x',
        zodIssues: null,
        reason: null,
        retryAfterSeconds: null,
        ...data,
      },
    },
  });
}

describe('api errors', () => {
  it('says how long a lock-out lasts, in whole minutes rounded up', () => {
    expect(tooManyAttemptsMessage(900)).toBe('Too many attempts. Try again in 15 minutes.');
    expect(tooManyAttemptsMessage(61)).toBe('Too many attempts. Try again in 2 minutes.');
    expect(tooManyAttemptsMessage(60)).toBe('Too many attempts. Try again in 1 minute.');
    expect(tooManyAttemptsMessage(1)).toBe('Too many attempts. Try again in 1 minute.');
    expect(tooManyAttemptsMessage(null)).toBe(
      'Too many attempts. Wait a few minutes, then try again.',
    );
  });

  it('reads zod issues per field, the reason and the wait', () => {
    const error = apiError(
      serverError('BAD_REQUEST', 'Invalid input', {
        zodIssues: [
          { code: 'too_small', path: ['password'], message: 'Use at least 8 characters' },
          { code: 'custom', path: ['password'], message: 'second' },
          { code: 'invalid_format', path: ['email'], message: 'Invalid email address' },
        ],
      }),
    );
    expect(error.fields).toEqual({
      password: 'Use at least 8 characters',
      email: 'Invalid email address',
    });
    const locked = apiError(
      serverError('TOO_MANY_REQUESTS', 'Too many', { retryAfterSeconds: 120 }),
    );
    expect(generalErrorMessage(locked, 'fallback')).toBe(
      'Too many attempts. Try again in 2 minutes.',
    );
    expect(generalErrorMessage(apiError(new Error('offline')), 'fallback')).toContain(
      'Can’t reach Outlay',
    );
  });

  it('tells a refused password from a refused session', () => {
    expect(
      isWrongPassword(
        apiError(serverError('UNAUTHORIZED', 'Incorrect password', { reason: 'WRONG_PASSWORD' })),
      ),
    ).toBe(true);
    expect(isWrongPassword(apiError(serverError('UNAUTHORIZED', 'Sign in to continue')))).toBe(
      false,
    );
  });

  it('says why a write was refused in the server’s words', () => {
    const conflict = serverError(
      'CONFLICT',
      "'Coffee' is used by 3 transactions: merge it into another category or archive it",
    );
    expect(writeErrorMessage(apiError(conflict), 'Could not delete.')).toBe(
      "'Coffee' is used by 3 transactions: merge it into another category or archive it",
    );
    const invalid = serverError('BAD_REQUEST', '[zod]', {
      zodIssues: [
        { path: ['patch', 'currency'], message: 'Expected a three-letter ISO 4217 currency code' },
      ],
    });
    expect(writeErrorMessage(apiError(invalid), 'Could not save.')).toBe(
      'Expected a three-letter ISO 4217 currency code',
    );
    expect(writeErrorMessage(apiError(new Error('offline')), 'Could not save.')).toBe(
      'Can’t reach Outlay right now. Check your connection and try again.',
    );
    expect(
      writeErrorMessage(apiError(serverError('INTERNAL_SERVER_ERROR', 'boom')), 'Could not save.'),
    ).toBe('Could not save.');
  });

  it('puts a refused new password under its field: the input problem, else the policy’s words', () => {
    const tooShort = apiError(
      serverError('BAD_REQUEST', 'bad', {
        zodIssues: [{ path: ['newPassword'], message: 'Use at least 8 characters' }],
      }),
    );
    expect(newPasswordRefusal(tooShort, 'newPassword')).toBe('Use at least 8 characters.');
    const common = apiError(serverError('BAD_REQUEST', 'This password is too common.'));
    expect(newPasswordRefusal(common, 'password')).toBe('This password is too common.');
    const otherField = apiError(
      serverError('BAD_REQUEST', 'bad', {
        zodIssues: [{ path: ['email'], message: 'Invalid email' }],
      }),
    );
    expect(newPasswordRefusal(otherField, 'password')).toBeUndefined();
    expect(newPasswordRefusal(apiError(serverError('CONFLICT', 'taken')), 'password')).toBe(
      undefined,
    );
  });
});
