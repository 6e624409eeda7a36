import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainError } from '../../errors.ts';

/**
 * ASVS 5 V6.2: length is checked by the contract (8–1024, no composition rules, no truncation);
 * here the most common passwords are refused, using the maintained zxcvbn-ts common-password list.
 */
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));
  return common;
}

export function assertAcceptablePassword(password: string, context: { email: string }): void {
  const lowered = password.toLowerCase();
  if (commonPasswords().has(lowered)) {
    throw new DomainError(
      'BAD_INPUT',
      'This password is too common. Choose one that is harder to guess.',
    );
  }
  if (
    lowered === context.email.toLowerCase() ||
    lowered === context.email.split('@')[0]?.toLowerCase()
  ) {
    throw new DomainError('BAD_INPUT', 'Do not use your email address as your password.');
  }
}
