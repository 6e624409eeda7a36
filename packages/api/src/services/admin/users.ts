import { MAX_LISTED_USERS, type AdminUser, type Role } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { RequestOrigin } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { inTransaction } from '../../in-transaction.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toUser, USER_COLUMNS } from '../auth/user.ts';

/**
 * Administration crosses users on purpose: these run on the owner connection, not under RLS.
 * `user` is the administrator acting; `targetUserId` the account acted on.
 */

export async function listUsers(
  db: Kysely<Database>,
  _options: { user: { id: string } },
): Promise<AdminUser[]> {
  const rows = await db
    .selectFrom('users as u')
    .select([...USER_COLUMNS, 'u.created_at', 'u.disabled_at'])
    .orderBy('u.created_at')
    .orderBy('u.id')
    .limit(MAX_LISTED_USERS)
    .execute();
  return rows.map((row) => ({
    ...toUser(row),
    createdAt: new Date(row.created_at).toISOString(),
    disabledAt: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
  }));
}

/** Disables an account: its sessions and API tokens stop working on their next request. */
export async function disableUser(
  db: Kysely<Database>,
  {
    user,
    targetUserId,
    from,
    now,
  }: { user: { id: string }; targetUserId: string; from: RequestOrigin; now: Date },
): Promise<void> {
  if (targetUserId === user.id) {
    throw new DomainError('BAD_INPUT', 'You cannot disable your own account');
  }
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ disabled_at: now })
      .where('id', '=', targetUserId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', 'No such active user');
    await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', targetUserId)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(trx, {
      action: 'admin.user.disabled',
      userId: targetUserId,
      actorId: user.id,
      ip: from.ip,
    });
  });
}

export async function setUserRole(
  db: Kysely<Database>,
  {
    user,
    targetUserId,
    role,
    from,
  }: { user: { id: string }; targetUserId: string; role: Role; from: RequestOrigin },
): Promise<void> {
  if (targetUserId === user.id) {
    throw new DomainError('BAD_INPUT', 'You cannot change your own role');
  }
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ role })
      .where('id', '=', targetUserId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', 'No such user');
    await recordAudit(trx, {
      action: 'admin.user.role_changed',
      userId: targetUserId,
      actorId: user.id,
      ip: from.ip,
      detail: { role },
    });
  });
}
