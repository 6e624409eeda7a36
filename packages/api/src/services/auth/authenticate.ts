import type { Database } from '@outlay/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import { hashSecret } from '../../auth/secrets.ts';
import { clock, type Context } from '../../context.ts';
import { userContextSelection } from '../../rls.ts';
import { API_TOKEN_PREFIX } from './api-tokens.ts';
import { toUser, USER_COLUMNS, type AuthUser } from './user.ts';

/**
 * Resolves a bearer credential to its user, or null for any refusal. Access tokens must verify and
 * name a live session; API tokens must exist unrevoked. Either way a disabled user is refused, at
 * once, whatever the token's expiry.
 *
 * Given a transaction (`into`), the look-up runs in it and, when it finds the user, the same
 * statement names that user to row-level security and switches to the app role for the rest of
 * the transaction (DESIGN §5). Authenticating and entering the user's context is then one round
 * trip instead of two; a refusal sets nothing. Without one it runs on the owner connection.
 */
export async function authenticate(
  ctx: Context,
  bearer: string,
  into?: Transaction<Database>,
): Promise<AuthUser | null> {
  const lookup = { db: into ?? ctx.db, enterUserContext: into !== undefined };
  return bearer.startsWith(API_TOKEN_PREFIX)
    ? authenticateApiToken(ctx, bearer, lookup)
    : authenticateAccessToken(ctx, bearer, lookup);
}

interface Lookup {
  db: Kysely<Database>;
  enterUserContext: boolean;
}

/**
 * Select-list items that set the transaction-local user and role. Evaluated only for a row the
 * look-up returns, so nothing is set when it finds none.
 */
function userContextColumns({ enterUserContext }: Lookup) {
  return enterUserContext ? userContextSelection(sql.ref('u.id')) : [];
}

async function authenticateAccessToken(
  ctx: Context,
  token: string,
  lookup: Lookup,
): Promise<AuthUser | null> {
  const claims = await ctx.tokens.verifyAccessToken(token);
  if (!claims) return null;
  const row = await lookup.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([...USER_COLUMNS, 'u.data_version as dataVersion'])
    .select(userContextColumns(lookup))
    .where('s.user_id', '=', claims.userId)
    .where('s.id', '=', claims.sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', clock(ctx))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        ...toUser(row),
        credential: { kind: 'session', sessionId: claims.sessionId },
        dataVersion: row.dataVersion,
      }
    : null;
}

async function authenticateApiToken(
  ctx: Context,
  token: string,
  lookup: Lookup,
): Promise<AuthUser | null> {
  const row = await lookup.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      ...USER_COLUMNS,
      'u.data_version as dataVersion',
      't.id as tokenId',
      't.scope',
      't.last_used_at as lastUsedAt',
    ])
    .select(userContextColumns(lookup))
    .where('t.token_hash', '=', hashSecret(token))
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = clock(ctx);
  // Last use is shown to the user; recording it at most once a minute keeps requests read-only.
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > 60_000) {
    await lookup.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('user_id', '=', row.id)
      .where('id', '=', row.tokenId)
      .execute();
  }
  return {
    ...toUser(row),
    credential: { kind: 'api-token', tokenId: row.tokenId, scope: row.scope },
    dataVersion: row.dataVersion,
  };
}
