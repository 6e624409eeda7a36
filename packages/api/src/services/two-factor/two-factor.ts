/**
 * Two-factor authentication with TOTP (RFC 6238) and one-time recovery codes.
 *
 * `users.totp_secret` with `totp_enabled_at` null is an enrolment in progress; both set is
 * two-factor enabled. Recovery codes are stored only as SHA-256 hashes and shown once.
 */

import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { renderSVG } from 'uqr';
import { verifyPassword } from '../../auth/passwords.ts';
import { DomainError } from '../../errors.ts';
import { recordAcceptedTotpStep, totpStepAlreadyUsed } from './accepted-totp-steps.ts';
import {
  findRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from './recovery-codes.ts';
import { matchTotpStep, newTotpSecret, otpauthUri } from './totp.ts';

const INVALID_CODE = 'That code is not valid';

export async function startTwoFactorEnrolment(
  db: Kysely<Database>,
  user: { id: string; email: string },
  issuer = 'Outlay',
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

export async function confirmTwoFactor(
  db: Kysely<Database>,
  userId: string,
  code: string,
  now = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  const user = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.totp_secret || user.totp_enabled_at !== null) {
    throw new DomainError('CONFLICT', 'No two-factor enrolment is in progress');
  }
  const secret = user.totp_secret;
  const step = matchTotpStep(secret, code, now);
  if (step === null) throw new DomainError('BAD_INPUT', INVALID_CODE);

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
  });
  return { recoveryCodes: recoveryCodes.map(({ code }) => code) };
}

export async function disableTwoFactor(
  db: Kysely<Database>,
  userId: string,
  password: string,
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, password))) {
    throw new DomainError('UNAUTHORIZED', 'Incorrect password', { reason: 'WRONG_PASSWORD' });
  }
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret: null, totp_enabled_at: null })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  });
}

export async function verifySecondFactor(
  db: Kysely<Database>,
  userId: string,
  proof: { totpCode?: string; recoveryCode?: string },
  now = new Date(),
): Promise<'totp' | 'recovery-code' | null> {
  if (proof.totpCode !== undefined && (await acceptTotp(db, userId, proof.totpCode, now))) {
    return 'totp';
  }
  if (
    proof.recoveryCode !== undefined &&
    (await useRecoveryCode(db, userId, proof.recoveryCode, now))
  ) {
    return 'recovery-code';
  }
  return null;
}

export async function twoFactorEnabled(db: Kysely<Database>, userId: string): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return user?.totp_secret != null && user.totp_enabled_at !== null;
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
  if (normalized === null || !(await twoFactorEnabled(db, userId))) return false;
  const unused = await db
    .selectFrom('recovery_codes')
    .select(['id', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  const id = findRecoveryCode(unused, hashRecoveryCode(normalized));
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

/** Runs `work` in a transaction, joining the caller's when `db` already is one. */
function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
