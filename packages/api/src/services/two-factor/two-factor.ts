/**
 * Two-factor authentication with TOTP (RFC 6238) and one-time recovery codes.
 *
 * `users.totp_secret` with `totp_enabled_at` null is an enrolment in progress; both set is
 * two-factor enabled. Recovery codes are stored only as SHA-256 hashes and shown once.
 * Every verb takes `(db, { user, …named options })`, writes its audit events itself, and joins
 * the caller's transaction when `db` is one.
 */

import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { renderSVG } from 'uqr';
import type { RequestOrigin } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { inTransaction } from '../../in-transaction.ts';
import type { RateLimits } from '../../rate-limit/rate-limits.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkCurrentPassword } from '../auth/check-current-password.ts';
import { recordAcceptedTotpStep, totpStepAlreadyUsed } from './accepted-totp-steps.ts';
import {
  findRecoveryCode,
  generateRecoveryCodes,
  normalizeRecoveryCode,
} from './recovery-codes.ts';
import { matchTotpStep, newTotpSecret, otpauthUri } from './totp.ts';
import { hashSecret } from '../../auth/secrets.ts';

const INVALID_CODE = 'That code is not valid';

export async function startTwoFactorEnrolment(
  db: Kysely<Database>,
  { user, issuer = 'Outlay' }: { user: { id: string; email: string }; issuer?: string },
): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
  const secret = newTotpSecret();
  // One statement, so a concurrent confirmation cannot be overwritten by a new pending secret.
  const updated = await db
    .updateTable('users')
    .set({ totp_secret: secret })
    .where('id', '=', user.id)
    .where('totp_enabled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const exists = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', user.id)
      .executeTakeFirst();
    if (!exists) throw new DomainError('NOT_FOUND', 'User not found');
    throw new DomainError('CONFLICT', 'Two-factor authentication is already enabled');
  }
  const uri = otpauthUri(secret, user.email, issuer);
  return { secret, otpauthUri: uri, qrSvg: renderSVG(uri) };
}

/**
 * Turns two-factor on once the person proves, with a code, that their app holds the pending
 * secret. Codes are checked under the sign-in attempt limits.
 */
export async function confirmTwoFactor(
  db: Kysely<Database>,
  {
    user,
    code,
    from,
    now,
    limits,
  }: {
    user: { id: string; email: string };
    code: string;
    from: RequestOrigin;
    now: Date;
    limits: RateLimits;
  },
): Promise<{ recoveryCodes: string[] }> {
  const userId = user.id;
  const row = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row?.totp_secret || row.totp_enabled_at !== null) {
    throw new DomainError('CONFLICT', 'No two-factor enrolment is in progress');
  }
  const secret = row.totp_secret;
  const attempt = await limits.reserveAttempt(user.email, from.ip);
  const step = matchTotpStep(secret, code, now);
  if (step === null) throw new DomainError('BAD_INPUT', INVALID_CODE, { reason: 'WRONG_CODE' });
  await attempt.succeeded();

  const recoveryCodes = generateRecoveryCodes();
  await inTransaction(db, async (trx) => {
    // Enable only the secret that was checked: a new enrolment started meanwhile wins.
    const enabled = await trx
      .updateTable('users')
      .set({ totp_enabled_at: now })
      .where('id', '=', userId)
      .where('totp_secret', '=', secret)
      .where('totp_enabled_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!enabled) throw new DomainError('CONFLICT', 'No two-factor enrolment is in progress');
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(recoveryCodes.map(({ hash }) => ({ user_id: userId, code_hash: hash })))
      .execute();
    // The confirmation code must not then serve as a second factor at sign-in.
    await recordAcceptedTotpStep(trx, userId, step);
    await recordAudit(trx, { action: 'auth.two_factor.enabled', userId, ip: from.ip });
  });
  return { recoveryCodes: recoveryCodes.map(({ code }) => code) };
}

/**
 * Turns two-factor off. It takes the password and a current code or an unused recovery code:
 * someone who learned the password alone (or holds a stolen session) cannot remove the second
 * factor. Both are checked under the sign-in attempt limits.
 */
export async function disableTwoFactor(
  db: Kysely<Database>,
  {
    user,
    password,
    code,
    from,
    now,
    limits,
  }: {
    user: { id: string; email: string };
    password: string;
    code: string;
    from: RequestOrigin;
    now: Date;
    limits: RateLimits;
  },
): Promise<void> {
  await checkCurrentPassword(db, { user, password, from, limits });
  if (!(await twoFactorEnabled(db, { user }))) {
    throw new DomainError('CONFLICT', 'Two-factor authentication is already off');
  }
  const attempt = await limits.reserveAttempt(user.email, from.ip);
  await inTransaction(db, async (trx) => {
    const proof = /^\d{6}$/.test(code.replace(/\s+/g, ''))
      ? { totpCode: code }
      : { recoveryCode: code };
    if (!(await verifySecondFactor(trx, { user, now, ...proof }))) {
      throw new DomainError('BAD_INPUT', INVALID_CODE, { reason: 'WRONG_CODE' });
    }
    await attempt.succeeded();
    await trx
      .updateTable('users')
      .set({ totp_secret: null, totp_enabled_at: null })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await recordAudit(trx, { action: 'auth.two_factor.disabled', userId: user.id, ip: from.ip });
  });
}

/**
 * Checks a second factor: a TOTP code (each time step accepted once) or an unused recovery code
 * (spent by this call). Null when neither is right. Rate limiting is the caller's: it is one
 * part of a sign-in or of turning two-factor off.
 */
export async function verifySecondFactor(
  db: Kysely<Database>,
  {
    user,
    totpCode,
    recoveryCode,
    now,
  }: { user: { id: string }; totpCode?: string; recoveryCode?: string; now: Date },
): Promise<'totp' | 'recovery-code' | null> {
  if (totpCode !== undefined && (await acceptTotp(db, user.id, totpCode, now))) {
    return 'totp';
  }
  if (recoveryCode !== undefined && (await useRecoveryCode(db, user.id, recoveryCode, now))) {
    return 'recovery-code';
  }
  return null;
}

export async function twoFactorEnabled(
  db: Kysely<Database>,
  { user }: { user: { id: string } },
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', user.id)
    .executeTakeFirst();
  return row?.totp_secret != null && row.totp_enabled_at !== null;
}

async function acceptTotp(
  db: Kysely<Database>,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    // The row lock serialises concurrent checks for this user from here to the record below.
    const user = await trx
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('id', '=', userId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!user?.totp_secret || user.totp_enabled_at === null) return false;
    const step = matchTotpStep(user.totp_secret, code, now);
    if (step === null || (await totpStepAlreadyUsed(trx, userId, step))) return false;
    await recordAcceptedTotpStep(trx, userId, step);
    return true;
  });
}

async function useRecoveryCode(
  db: Kysely<Database>,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (normalized === null || !(await twoFactorEnabled(db, { user: { id: userId } }))) return false;
  const unused = await db
    .selectFrom('recovery_codes')
    .select(['id', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  const id = findRecoveryCode(unused, hashSecret(normalized));
  if (id === null) return false;
  // Conditional on `used_at is null`: of two requests racing with the same code, one wins.
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}
