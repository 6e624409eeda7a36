import type { AdminUser, Role } from '@outlay/contracts';
import { clock, type Context } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toUser, USER_COLUMNS } from '../auth/user.ts';

/** Administration crosses users on purpose: these run on the owner connection, not under RLS. */
export async function listUsers(ctx: Context): Promise<AdminUser[]> {
  const rows = await ctx.db
    .selectFrom('users as u')
    .select([...USER_COLUMNS, 'u.created_at', 'u.disabled_at'])
    .orderBy('u.created_at')
    .limit(1_000)
    .execute();
  return rows.map((row) => ({
    ...toUser(row),
    createdAt: new Date(row.created_at).toISOString(),
    disabledAt: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
  }));
}

/** Disables an account: its sessions and API tokens stop working on their next request. */
export async function disableUser(ctx: Context, adminId: string, userId: string): Promise<void> {
  if (userId === adminId) throw new DomainError('BAD_INPUT', 'You cannot disable your own account');
  const now = clock(ctx);
  const result = await ctx.db
    .updateTable('users')
    .set({ disabled_at: now })
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', 'No such active user');
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await recordAudit(ctx.db, {
    action: 'admin.user.disabled',
    userId,
    actorId: adminId,
    ip: ctx.ip,
  });
}

export async function setUserRole(
  ctx: Context,
  adminId: string,
  userId: string,
  role: Role,
): Promise<void> {
  if (userId === adminId) throw new DomainError('BAD_INPUT', 'You cannot change your own role');
  const result = await ctx.db
    .updateTable('users')
    .set({ role })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', 'No such user');
  await recordAudit(ctx.db, {
    action: 'admin.user.role_changed',
    userId,
    actorId: adminId,
    ip: ctx.ip,
    detail: { role },
  });
}
