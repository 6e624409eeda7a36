import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { hashSecret } from '../../auth/secrets.ts';
import type { TokenService } from '../../auth/tokens.ts';
import { userContextSelection } from '../../rls.ts';
import { API_TOKEN_PREFIX } from './api-tokens.ts';
import { toUser, USER_COLUMNS, type AuthUser } from './user.ts';

/**
 * Resolves a bearer credential to its user, or null for any refusal. Access tokens must verify and
 * name a live session; API tokens must exist unrevoked. Either way a disabled user is refused, at
 * once, whatever the token's expiry.
 *
 * With `enterUserContext` (`db` must then be a transaction), when the look-up finds the user, the
 * same statement names that user to row-level security and switches to the app role for the rest
 * of the transaction (DESIGN §5). Authenticating and entering the user's context is then one
 * round trip instead of two; a refusal sets nothing. Without it the look-up only reads, on
 * whatever connection `db` is.
 */
export async function authenticate(
  db: Kysely<Database>,
  {
    bearer,
    tokens,
    now,
    enterUserContext,
  }: { bearer: string; tokens: TokenService; now: Date; enterUserContext: boolean },
): Promise<AuthUser | null> {
  if (enterUserContext && !db.isTransaction) {
    throw new Error('Entering a user context needs a transaction');
  }
  const lookup = { db, enterUserContext, now };
  return bearer.startsWith(API_TOKEN_PREFIX)
    ? authenticateApiToken(bearer, lookup)
    : authenticateAccessToken(bearer, tokens, lookup);
}

interface Lookup {
  db: Kysely<Database>;
  enterUserContext: boolean;
  now: Date;
}

/**
 * Select-list items that set the transaction-local user and role. Evaluated only for a row the
 * look-up returns, so nothing is set when it finds none.
 */
function userContextColumns({ enterUserContext }: Lookup) {
  return enterUserContext ? userContextSelection(sql.ref('u.id')) : [];
}

async function authenticateAccessToken(
  token: string,
  tokens: TokenService,
  lookup: Lookup,
): Promise<AuthUser | null> {
  const claims = await tokens.verifyAccessToken(token);
  if (!claims) return null;
  const row = await lookup.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([...USER_COLUMNS, 'u.data_version as dataVersion'])
    .select(userContextColumns(lookup))
    .where('s.user_id', '=', claims.userId)
    .where('s.id', '=', claims.sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', lookup.now)
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

async function authenticateApiToken(token: string, lookup: Lookup): Promise<AuthUser | null> {
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
  const { now } = lookup;
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
