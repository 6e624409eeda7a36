import { MAX_LIVE_SESSIONS, type Session, type SessionInfo } from '@outlay/contracts';
import { joinRow, type Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { hashSecret, randomToken } from '../../auth/secrets.ts';
import type { TokenService } from '../../auth/tokens.ts';
import type { AuthSettings, RequestOrigin } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { inTransaction } from '../../in-transaction.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toUser, USER_COLUMNS, type UserColumns } from './user.ts';

/**
 * Sign-in sessions (ASVS V7). A session is a refresh-token family: each refresh token is opaque,
 * 256-bit, stored only as a hash, and used once — refreshing rotates it atomically. Presenting a
 * used one means it was stolen or replayed, so the whole session is revoked, with one exception:
 * within a few seconds of its rotation (two tabs refreshing at once) the same token is answered
 * with the same successor (RFC 9700 §4.14.2). Sessions end after an idle period and at an
 * absolute lifetime.
 *
 * These services know nothing of HTTP: they return the refresh token, and the router puts it in
 * the cookie.
 */

/**
 * How long after a refresh token's rotation the same token still gets its successor instead of
 * revoking the session: long enough for two tabs, or a retried request, to race; short enough
 * that a replayed token is still caught as soon as the successor is used.
 */
export const REFRESH_REUSE_GRACE_MS = 30_000;

/** What issuing a session needs: the token service and the configured lifetimes. */
export interface SessionIssuer {
  tokens: TokenService;
  lifetimes: AuthSettings;
}

/** The refresh token, for the caller to hand to the client (the router sets the cookie). */
export interface RefreshToken {
  value: string;
  maxAgeSeconds: number;
}

export interface SignedIn {
  session: Session;
  refreshToken: RefreshToken;
}

/** Starts a session for `user`, who has just proven who they are. Joins the caller's transaction. */
export async function startSession(
  db: Kysely<Database>,
  {
    user,
    from,
    now,
    tokens,
    lifetimes,
  }: { user: UserColumns; from: RequestOrigin; now: Date } & SessionIssuer,
): Promise<SignedIn> {
  const value = randomToken();
  const sessionId = await inTransaction(db, async (trx) => {
    const session = await trx
      .insertInto('sessions')
      .values({
        user_id: user.id,
        user_agent: from.userAgent?.slice(0, 500) ?? null,
        ip: from.ip,
        created_at: now,
        last_used_at: now,
        expires_at: new Date(now.getTime() + lifetimes.sessionAbsoluteSeconds * 1000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertRefreshToken(trx, { userId: user.id, sessionId: session.id, value, now });
    // Signing in again and again (a script, a misbehaving client) must not grow the sessions
    // list without bound: beyond the limit, the least recently used sessions end.
    await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('id', 'in', (query) =>
        query
          .selectFrom('sessions')
          .select('id')
          .where('user_id', '=', user.id)
          .where('revoked_at', 'is', null)
          .orderBy('last_used_at', 'desc')
          .orderBy('id')
          .offset(MAX_LIVE_SESSIONS),
      )
      .execute();
    return session.id;
  });
  return signedIn({ user, sessionId, value, tokens, lifetimes });
}

/**
 * Trades a refresh token for a new access token and the token's successor. Any refusal is
 * UNAUTHORIZED; a replayed token also ends its session.
 */
export async function refreshSession(
  db: Kysely<Database>,
  {
    refreshToken,
    from,
    now,
    tokens,
    lifetimes,
  }: { refreshToken: string | undefined; from: RequestOrigin; now: Date } & SessionIssuer,
): Promise<SignedIn> {
  if (!refreshToken) throw new DomainError('UNAUTHORIZED', 'Sign in to continue');
  const idleCutoff = new Date(now.getTime() - lifetimes.sessionIdleSeconds * 1000);
  const successor = tokens.nextRefreshToken(refreshToken);

  const outcome = await inTransaction(db, async (trx) => {
    // The row lock makes concurrent refreshes with one token take turns: the second sees the
    // first one's `used_at` and its successor.
    const row = await trx
      .selectFrom('refresh_tokens as rt')
      .innerJoin('sessions as s', joinRow('s', 'rt.session_id'))
      .innerJoin('users as u', 'u.id', 'rt.user_id')
      .select([
        ...USER_COLUMNS,
        'rt.id as tokenId',
        'rt.used_at as usedAt',
        's.id as sessionId',
        's.revoked_at as revokedAt',
        's.expires_at as expiresAt',
        's.last_used_at as lastUsedAt',
        'u.disabled_at as disabledAt',
      ])
      .where('rt.token_hash', '=', hashSecret(refreshToken))
      .forUpdate('rt')
      .executeTakeFirst();
    if (!row) return { kind: 'invalid' } as const;
    const alive =
      row.revokedAt === null &&
      row.disabledAt === null &&
      new Date(row.expiresAt) > now &&
      new Date(row.lastUsedAt) > idleCutoff;

    if (row.usedAt === null) {
      if (!alive) return { kind: 'invalid' } as const;
      await trx
        .updateTable('refresh_tokens')
        .set({ used_at: now })
        .where('user_id', '=', row.id)
        .where('id', '=', row.tokenId)
        .execute();
      await insertRefreshToken(trx, {
        userId: row.id,
        sessionId: row.sessionId,
        value: successor,
        now,
      });
    } else {
      // Used before. The loser of a race gets the winner's successor, if it is recent and
      // still unused; anything else is a replay, and the session ends.
      const raced =
        alive &&
        now.getTime() - new Date(row.usedAt).getTime() <= REFRESH_REUSE_GRACE_MS &&
        (await trx
          .selectFrom('refresh_tokens')
          .select('id')
          .where('token_hash', '=', hashSecret(successor))
          .where('user_id', '=', row.id)
          .where('session_id', '=', row.sessionId)
          .where('used_at', 'is', null)
          .executeTakeFirst()) !== undefined;
      if (!raced) {
        await revokeSessionRows(trx, { userId: row.id, sessionId: row.sessionId, now });
        await recordAudit(trx, {
          action: 'auth.refresh.reused',
          userId: row.id,
          ip: from.ip,
          detail: { sessionId: row.sessionId },
        });
        return { kind: 'reused' } as const;
      }
    }
    await trx
      .updateTable('sessions')
      .set({ last_used_at: now })
      .where('user_id', '=', row.id)
      .where('id', '=', row.sessionId)
      .execute();
    return { kind: 'ok', user: row, sessionId: row.sessionId } as const;
  });

  if (outcome.kind !== 'ok') {
    throw new DomainError('UNAUTHORIZED', 'Your session has ended. Sign in again.');
  }
  return signedIn({
    user: outcome.user,
    sessionId: outcome.sessionId,
    value: successor,
    tokens,
    lifetimes,
  });
}

export async function revokeSession(
  db: Kysely<Database>,
  { user, sessionId, now }: { user: { id: string }; sessionId: string; now: Date },
): Promise<void> {
  const revoked = await revokeSessionRows(db, { userId: user.id, sessionId, now });
  if (!revoked) throw new DomainError('NOT_FOUND', 'No such session');
}

/**
 * Ends every session of the user except the one making the request ("sign out everywhere
 * else", and after a password change). With no current session (an API token), ends them all.
 */
export async function revokeOtherSessions(
  db: Kysely<Database>,
  {
    user,
    currentSessionId,
    now,
  }: { user: { id: string }; currentSessionId: string | null; now: Date },
): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null);
  if (currentSessionId) query = query.where('id', '!=', currentSessionId);
  await query.execute();
}

/** The user's live sessions, most recently used first (at most MAX_LIVE_SESSIONS). */
export async function listSessions(
  db: Kysely<Database>,
  {
    user,
    currentSessionId,
    lifetimes,
    now,
  }: {
    user: { id: string };
    currentSessionId: string | null;
    lifetimes: AuthSettings;
    now: Date;
  },
): Promise<SessionInfo[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_used_at', 'expires_at', 'user_agent', 'ip'])
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_used_at', '>', new Date(now.getTime() - lifetimes.sessionIdleSeconds * 1000))
    .orderBy('last_used_at', 'desc')
    .orderBy('id')
    .limit(MAX_LIVE_SESSIONS)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: new Date(row.last_used_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    userAgent: row.user_agent,
    ip: row.ip,
    current: row.id === currentSessionId,
  }));
}

async function revokeSessionRows(
  db: Kysely<Database>,
  { userId, sessionId, now }: { userId: string; sessionId: string; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

async function insertRefreshToken(
  db: Kysely<Database>,
  {
    userId,
    sessionId,
    value,
    now,
  }: { userId: string; sessionId: string; value: string; now: Date },
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      user_id: userId,
      session_id: sessionId,
      token_hash: hashSecret(value),
      created_at: now,
    })
    .execute();
}

async function signedIn({
  user,
  sessionId,
  value,
  tokens,
  lifetimes,
}: { user: UserColumns; sessionId: string; value: string } & SessionIssuer): Promise<SignedIn> {
  const { token, expiresAt } = await tokens.issueAccessToken({ userId: user.id, sessionId });
  return {
    session: { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUser(user) },
    refreshToken: { value, maxAgeSeconds: lifetimes.sessionAbsoluteSeconds },
  };
}
