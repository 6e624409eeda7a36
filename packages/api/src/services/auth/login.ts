import type { LoginInput, Session } from '@outlay/contracts';
import { sql } from 'kysely';
import {
  dummyPasswordHash,
  hashPassword,
  passwordNeedsRehash,
  verifyPassword,
} from '../../auth/passwords.ts';
import type { Context } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { verifySecondFactor } from '../two-factor/two-factor.ts';
import { startSession } from './sessions.ts';

/** One message for unknown email and wrong password, so sign-in does not reveal who has an account. */
export const INVALID_CREDENTIALS = 'Incorrect email or password';

export async function login(ctx: Context, input: LoginInput): Promise<Session> {
  // Rate limits come before any hashing, so a flood of guesses costs the server nothing.
  await ctx.limits.beforeSignIn(input.email, ctx.ip);

  const user = await ctx.db
    .selectFrom('users as u')
    .selectAll()
    .where(sql`lower(u.email)`, '=', input.email.toLowerCase())
    .executeTakeFirst();

  // Verify against a real hash even for an unknown email, so both failures take the same time.
  const valid = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !valid || user.disabled_at !== null) {
    await ctx.limits.signInFailed(input.email, ctx.ip);
    await recordAudit(ctx.db, {
      action: 'auth.sign_in.failed',
      userId: user?.id ?? null,
      ip: ctx.ip,
      detail: user
        ? { reason: user.disabled_at ? 'disabled' : 'password' }
        : { reason: 'unknown-email' },
    });
    throw new DomainError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }

  if (user.totp_enabled_at !== null) {
    if (input.totpCode === undefined && input.recoveryCode === undefined) {
      throw new DomainError('UNAUTHORIZED', 'Enter the code from your authenticator app', {
        reason: 'TWO_FACTOR_REQUIRED',
      });
    }
    const factor = await verifySecondFactor(ctx.db, user.id, {
      ...(input.totpCode !== undefined ? { totpCode: input.totpCode } : {}),
      ...(input.recoveryCode !== undefined ? { recoveryCode: input.recoveryCode } : {}),
    });
    if (!factor) {
      await ctx.limits.signInFailed(input.email, ctx.ip);
      await recordAudit(ctx.db, {
        action: 'auth.sign_in.failed',
        userId: user.id,
        ip: ctx.ip,
        detail: { reason: 'second-factor' },
      });
      throw new DomainError('UNAUTHORIZED', 'That code is not valid', {
        reason: 'TWO_FACTOR_REQUIRED',
      });
    }
    if (factor === 'recovery-code') {
      await recordAudit(ctx.db, { action: 'auth.recovery_code.used', userId: user.id, ip: ctx.ip });
    }
  }

  await ctx.limits.signInSucceeded(input.email, ctx.ip);
  if (passwordNeedsRehash(user.password_hash)) {
    const rehashed = await hashPassword(input.password);
    await ctx.db
      .updateTable('users')
      .set({ password_hash: rehashed })
      .where('id', '=', user.id)
      .execute();
  }
  await recordAudit(ctx.db, { action: 'auth.sign_in.succeeded', userId: user.id, ip: ctx.ip });
  return startSession(ctx, user);
}
