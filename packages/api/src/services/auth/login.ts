import type { LoginInput } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import {
  dummyPasswordHash,
  hashPassword,
  passwordNeedsRehash,
  verifyPassword,
} from '../../auth/passwords.ts';
import type { RequestOrigin } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { inTransaction } from '../../in-transaction.ts';
import type { RateLimits } from '../../rate-limit/rate-limits.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { verifySecondFactor } from '../two-factor/two-factor.ts';
import { startSession, type SessionIssuer, type SignedIn } from './sessions.ts';

/** One message for unknown email and wrong password, so sign-in does not reveal who has an account. */
export const INVALID_CREDENTIALS = 'Incorrect email or password';

export async function login(
  db: Kysely<Database>,
  {
    email,
    password,
    totpCode,
    recoveryCode,
    from,
    now,
    limits,
    tokens,
    lifetimes,
  }: LoginInput & { from: RequestOrigin; now: Date; limits: RateLimits } & SessionIssuer,
): Promise<SignedIn> {
  // The attempt is reserved before any hashing: at most the policy's number of guesses are ever
  // verified, however many arrive at once, and a flood of them costs the server nothing.
  const attempt = await limits.reserveAttempt(email, from.ip);

  const user = await db
    .selectFrom('users as u')
    .selectAll()
    .where(sql`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst();

  // Verify against a real hash even for an unknown email, so both failures take the same time.
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !valid || user.disabled_at !== null) {
    await recordAudit(db, {
      action: 'auth.sign_in.failed',
      userId: user?.id ?? null,
      ip: from.ip,
      detail: user
        ? { reason: user.disabled_at ? 'disabled' : 'password' }
        : { reason: 'unknown-email' },
    });
    throw new DomainError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }

  let factor: 'totp' | 'recovery-code' | null = null;
  if (user.totp_enabled_at !== null) {
    if (totpCode === undefined && recoveryCode === undefined) {
      // The password was right; only the second step is missing. Not a wrong guess, but not a
      // success either: earlier wrong codes from here keep counting.
      await attempt.refund();
      throw new DomainError('UNAUTHORIZED', 'Enter the code from your authenticator app', {
        reason: 'TWO_FACTOR_REQUIRED',
      });
    }
    factor = await verifySecondFactor(db, {
      user,
      now,
      ...(totpCode !== undefined ? { totpCode } : {}),
      ...(recoveryCode !== undefined ? { recoveryCode } : {}),
    });
    if (!factor) {
      await recordAudit(db, {
        action: 'auth.sign_in.failed',
        userId: user.id,
        ip: from.ip,
        detail: { reason: 'second-factor' },
      });
      throw new DomainError('UNAUTHORIZED', 'That code is not valid', {
        reason: 'TWO_FACTOR_REQUIRED',
      });
    }
  }

  await attempt.succeeded();
  const rehashed = passwordNeedsRehash(user.password_hash) ? await hashPassword(password) : null;
  return inTransaction(db, async (trx) => {
    if (rehashed) {
      await trx
        .updateTable('users')
        .set({ password_hash: rehashed })
        .where('id', '=', user.id)
        .execute();
    }
    if (factor === 'recovery-code') {
      await recordAudit(trx, { action: 'auth.recovery_code.used', userId: user.id, ip: from.ip });
    }
    await recordAudit(trx, { action: 'auth.sign_in.succeeded', userId: user.id, ip: from.ip });
    return startSession(trx, { user, from, now, tokens, lifetimes });
  });
}
