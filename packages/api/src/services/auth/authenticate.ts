import type { Context } from '../../context.ts';
import { toUser, type AuthUser } from './user.ts';

/**
 * Verifies an access token and loads its user in one query, refusing tokens whose session was
 * revoked (sign-out) or expired, and users who are disabled. Returns null for any refusal.
 */
export async function authenticate(ctx: Context, accessToken: string): Promise<AuthUser | null> {
  const claims = await ctx.tokens.verifyAccessToken(accessToken);
  if (!claims) return null;
  const now = ctx.now?.() ?? new Date();
  const row = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.profile', 'u.home_currency', 'u.role'])
    .where('s.user_id', '=', claims.userId)
    .where('s.id', '=', claims.sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { ...toUser(row), sessionId: claims.sessionId } : null;
}
