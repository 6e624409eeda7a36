import type { ApiToken, ApiTokenScope } from '@outlay/contracts';
import { hashSecret, randomToken } from '../../auth/secrets.ts';
import { clock, type Context } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';

/** API tokens start with this, so a leaked one is recognisable (and secret scanners can find it). */
export const API_TOKEN_PREFIX = 'outlay_pat_';

/**
 * Long-lived credentials for other apps using @outlay/client: shown once, stored as a hash,
 * read-only or read-write, revocable.
 */
export async function createApiToken(
  ctx: Context,
  userId: string,
  input: { name: string; scope: ApiTokenScope },
): Promise<{ token: string; apiToken: ApiToken }> {
  const token = randomToken(API_TOKEN_PREFIX);
  const row = await ctx.db
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name: input.name,
      scope: input.scope,
      token_hash: hashSecret(token),
    })
    .returning(['id', 'name', 'scope', 'created_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
  await recordAudit(ctx.db, {
    action: 'auth.api_token.created',
    userId,
    ip: ctx.ip,
    detail: { tokenId: row.id, name: row.name, scope: row.scope },
  });
  return { token, apiToken: toApiToken(row) };
}

export async function listApiTokens(ctx: Context, userId: string): Promise<ApiToken[]> {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scope', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toApiToken);
}

export async function revokeApiToken(ctx: Context, userId: string, tokenId: string): Promise<void> {
  const result = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: clock(ctx) })
    .where('user_id', '=', userId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', 'No such API token');
  await recordAudit(ctx.db, {
    action: 'auth.api_token.revoked',
    userId,
    ip: ctx.ip,
    detail: { tokenId },
  });
}

function toApiToken(row: {
  id: string;
  name: string;
  scope: ApiTokenScope;
  created_at: Date;
  last_used_at: Date | null;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
  };
}
