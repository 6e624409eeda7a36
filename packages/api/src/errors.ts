import { TRPCError } from '@trpc/server';

/**
 * Domain errors: services throw these, and one mapper (`toTRPCError`) turns them into tRPC
 * errors, so no service knows about HTTP and no client ever sees a stack trace or SQL.
 */
export type DomainErrorCode = 'BAD_INPUT' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

const trpcCodes = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
} as const satisfies Record<DomainErrorCode, TRPCError['code']>;

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: trpcCodes[error.code], message: error.message, cause: error });
}
