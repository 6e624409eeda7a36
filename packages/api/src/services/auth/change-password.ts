import type { ChangePasswordInput } from '@outlay/contracts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { clock, type Context } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { revokeOtherSessions } from './sessions.ts';
import type { AuthUser } from './user.ts';

/** Changes the password after checking the current one, and signs out every other session. */
export async function changePassword(
  ctx: Context,
  user: AuthUser,
  input: ChangePasswordInput,
): Promise<void> {
  const row = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new DomainError('UNAUTHORIZED', 'Your current password is not correct', {
      reason: 'WRONG_PASSWORD',
    });
  }
  assertAcceptablePassword(input.newPassword, user);
  const now = clock(ctx);
  await ctx.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword), password_changed_at: now })
    .where('id', '=', user.id)
    .execute();
  const currentSessionId = user.credential.kind === 'session' ? user.credential.sessionId : null;
  await revokeOtherSessions(ctx.db, { user, currentSessionId, now });
  await recordAudit(ctx.db, { action: 'auth.password.changed', userId: user.id, ip: ctx.ip });
}
