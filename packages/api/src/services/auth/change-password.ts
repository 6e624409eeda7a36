import type { ChangePasswordInput } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../auth/passwords.ts';
import type { RequestOrigin } from '../../context.ts';
import { inTransaction } from '../../in-transaction.ts';
import type { RateLimits } from '../../rate-limit/rate-limits.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkCurrentPassword } from './check-current-password.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { revokeOtherSessions } from './sessions.ts';
import type { AuthUser } from './user.ts';

/**
 * Changes the password after checking the current one (under the same attempt limits as
 * sign-in), signs out every other session and revokes every API token: a password is changed
 * when it may be known to someone else, and whatever they created with it must stop working too.
 */
export async function changePassword(
  db: Kysely<Database>,
  {
    user,
    currentPassword,
    newPassword,
    from,
    now,
    limits,
  }: ChangePasswordInput & {
    user: Pick<AuthUser, 'id' | 'email' | 'credential'>;
    from: RequestOrigin;
    now: Date;
    limits: RateLimits;
  },
): Promise<void> {
  await checkCurrentPassword(db, { user, password: currentPassword, from, limits });
  assertAcceptablePassword(newPassword, user);
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now })
      .where('id', '=', user.id)
      .execute();
    const currentSessionId = user.credential.kind === 'session' ? user.credential.sessionId : null;
    await revokeOtherSessions(trx, { user, currentSessionId, now });
    const tokens = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await recordAudit(trx, {
      action: 'auth.password.changed',
      userId: user.id,
      ip: from.ip,
      detail: { apiTokensRevoked: Number(tokens.numUpdatedRows) },
    });
  });
}
