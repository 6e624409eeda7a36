import { MAX_API_TOKENS, type ApiToken, type ApiTokenScope } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { hashSecret, randomToken } from '../../auth/secrets.ts';
import type { RequestOrigin } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { inTransaction } from '../../in-transaction.ts';
import { recordAudit } from '../audit/record-audit.ts';

/** API tokens start with this, so a leaked one is recognisable (and secret scanners can find it). */
export const API_TOKEN_PREFIX = 'outlay_pat_';

/**
 * Long-lived credentials for other apps using @outlay/client: shown once, stored as a hash,
 * read-only or read-write, revocable, and revoked together when the password changes.
 */
export async function createApiToken(
  db: Kysely<Database>,
  {
    user,
    name,
    scope,
    from,
  }: { user: { id: string }; name: string; scope: ApiTokenScope; from: RequestOrigin },
): Promise<{ token: string; apiToken: ApiToken }> {
  const token = randomToken(API_TOKEN_PREFIX);
  return inTransaction(db, async (trx) => {
    // The user's row lock makes concurrent creations count one after another.
    await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
    const { live } = await trx
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('live'))
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(live) >= MAX_API_TOKENS) {
      throw new DomainError(
        'CONFLICT',
        `You have ${MAX_API_TOKENS} API tokens, the most allowed. Revoke one you no longer use first.`,
      );
    }
    const row = await trx
      .insertInto('api_tokens')
      .values({ user_id: user.id, name, scope, token_hash: hashSecret(token) })
      .returning(['id', 'name', 'scope', 'created_at', 'last_used_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      action: 'auth.api_token.created',
      userId: user.id,
      ip: from.ip,
      detail: { tokenId: row.id, name: row.name, scope: row.scope },
    });
    return { token, apiToken: toApiToken(row) };
  });
}

export async function listApiTokens(
  db: Kysely<Database>,
  { user }: { user: { id: string } },
): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scope', 'created_at', 'last_used_at'])
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(MAX_API_TOKENS)
    .execute();
  return rows.map(toApiToken);
}

export async function revokeApiToken(
  db: Kysely<Database>,
  {
    user,
    tokenId,
    from,
    now,
  }: { user: { id: string }; tokenId: string; from: RequestOrigin; now: Date },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', 'No such API token');
    await recordAudit(trx, {
      action: 'auth.api_token.revoked',
      userId: user.id,
      ip: from.ip,
      detail: { tokenId },
    });
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
