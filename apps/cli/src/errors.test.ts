import { TRPCClientError } from '@outlay/client';
import { describe, expect, it } from 'vitest';
import { CliError, describeFailure, EXIT } from './errors.ts';

const context = { url: 'http://outlay.test', tokenSource: 'login' } as const;

describe('describeFailure', () => {
  it('a call that timed out is "try again later" (exit 5)', () => {
    // What @trpc/client throws when the call's AbortSignal.timeout fires.
    const error = TRPCClientError.from(
      new DOMException('This operation was aborted', 'AbortError'),
    );
    expect(describeFailure(error, context)).toEqual({
      exitCode: EXIT.unavailable,
      message: 'http://outlay.test did not answer in time. Try again later.',
    });
  });

  it('keeps a CliError’s own words and code', () => {
    expect(describeFailure(new CliError(EXIT.notFound, 'No such thing.'))).toEqual({
      exitCode: EXIT.notFound,
      message: 'No such thing.',
    });
  });

  it('reports anything else as a failure in words, without a stack', () => {
    const { exitCode, message } = describeFailure(new RangeError('out of range'));
    expect(exitCode).toBe(EXIT.error);
    expect(message).toBe('Unexpected failure: out of range');
  });
});
