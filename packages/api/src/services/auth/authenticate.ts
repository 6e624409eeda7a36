import { hashSecret } from '../../auth/secrets.ts';
import { clock, type Context } from '../../context.ts';
import { API_TOKEN_PREFIX } from './api-tokens.ts';
import { toUser, USER_COLUMNS, type AuthUser } from './user.ts';

/**
 * Resolves a bearer credential to its user, or null for any refusal. Access tokens must verify and
 * name a live session; API tokens must exist unrevoked. Either way a disabled user is refused, at
 * once, whatever the token's expiry.
 */
export async function authenticate(ctx: Context, bearer: string): Promise<AuthUser | null> {
  return bearer.startsWith(API_TOKEN_PREFIX)
    ? authenticateApiToken(ctx, bearer)
    : authenticateAccessToken(ctx, bearer);
}

async function authenticateAccessToken(ctx: Context, token: string): Promise<AuthUser | null> {
  const claims = await ctx.tokens.verifyAccessToken(token);
  if (!claims) return null;
  const row = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(USER_COLUMNS)
    .where('s.user_id', '=', claims.userId)
    .where('s.id', '=', claims.sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', clock(ctx))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row
    ? { ...toUser(row), credential: { kind: 'session', sessionId: claims.sessionId } }
    : null;
}

async function authenticateApiToken(ctx: Context, token: string): Promise<AuthUser | null> {
  const row = await ctx.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([...USER_COLUMNS, 't.id as tokenId', 't.scope', 't.last_used_at as lastUsedAt'])
    .where('t.token_hash', '=', hashSecret(token))
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = clock(ctx);
  // Last use is shown to the user; recording it at most once a minute keeps requests read-only.
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > 60_000) {
    await ctx.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('user_id', '=', row.id)
      .where('id', '=', row.tokenId)
      .execute();
  }
  return {
    ...toUser(row),
    credential: { kind: 'api-token', tokenId: row.tokenId, scope: row.scope },
  };
}
