import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { verifyPassword } from '../../auth/passwords.ts';
import type { RequestOrigin } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import type { RateLimits } from '../../rate-limit/rate-limits.ts';

/**
 * Checks a signed-in person's current password before a sensitive change (a new password,
 * turning two-factor off), with the sign-in attempt limits: a stolen session must not become a
 * way to guess the password without lock-out. The attempt is reserved before verifying and
 * refunded when the password is right; earlier wrong guesses keep counting, because the
 * password may be only part of the proof (turning two-factor off also takes a code).
 */
export async function checkCurrentPassword(
  db: Kysely<Database>,
  {
    user,
    password,
    from,
    limits,
  }: {
    user: { id: string; email: string };
    password: string;
    from: RequestOrigin;
    limits: RateLimits;
  },
): Promise<void> {
  const attempt = await limits.reserveAttempt(user.email, from.ip);
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', user.id)
    .executeTakeFirst();
  if (!row || !(await verifyPassword(row.password_hash, password))) {
    throw new DomainError('UNAUTHORIZED', 'Your current password is not correct', {
      reason: 'WRONG_PASSWORD',
    });
  }
  await attempt.refund();
}
