import type { Session, SessionInfo } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { hashSecret, randomToken } from '../../auth/secrets.ts';
import { clock, REFRESH_COOKIE, type Context } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toUser, USER_COLUMNS, type UserColumns } from './user.ts';

/**
 * Sign-in sessions (ASVS V7). A session is a refresh-token family: each refresh token is opaque,
 * 256-bit, stored only as a hash, and used once — refreshing rotates it atomically. Presenting a
 * used one means it was stolen or replayed, so the whole session is revoked. Sessions end after
 * an idle period and at an absolute lifetime.
 */

export async function startSession(ctx: Context, user: UserColumns): Promise<Session> {
  const now = clock(ctx);
  const session = await ctx.db
    .insertInto('sessions')
    .values({
      user_id: user.id,
      user_agent: ctx.userAgent?.slice(0, 500) ?? null,
      ip: ctx.ip,
      created_at: now,
      last_used_at: now,
      expires_at: new Date(now.getTime() + ctx.auth.sessionAbsoluteSeconds * 1000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await issueRefreshToken(ctx, ctx.db, user.id, session.id, now);
  return accessFor(ctx, user, session.id);
}

export async function refreshSession(ctx: Context): Promise<Session> {
  const presented = ctx.cookies.get(REFRESH_COOKIE);
  if (!presented) throw new DomainError('UNAUTHORIZED', 'Sign in to continue');
  const now = clock(ctx);
  const idleCutoff = new Date(now.getTime() - ctx.auth.sessionIdleSeconds * 1000);

  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens as rt')
      .innerJoin('sessions as s', (join) =>
        join.onRef('s.user_id', '=', 'rt.user_id').onRef('s.id', '=', 'rt.session_id'),
      )
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
      .where('rt.token_hash', '=', hashSecret(presented))
      .forUpdate('rt')
      .executeTakeFirst();
    if (!row) return { kind: 'invalid' } as const;

    // Mark it used only if nobody else did: two refreshes racing with one token both lose.
    const claimed = row.usedAt
      ? undefined
      : await trx
          .updateTable('refresh_tokens')
          .set({ used_at: now })
          .where('user_id', '=', row.id)
          .where('id', '=', row.tokenId)
          .where('used_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
    if (!claimed) {
      await revokeSessionRows(trx, row.id, row.sessionId, now);
      await recordAudit(trx, {
        action: 'auth.refresh.reused',
        userId: row.id,
        ip: ctx.ip,
        detail: { sessionId: row.sessionId },
      });
      return { kind: 'reused' } as const;
    }
    const alive =
      row.revokedAt === null &&
      row.disabledAt === null &&
      new Date(row.expiresAt) > now &&
      new Date(row.lastUsedAt) > idleCutoff;
    if (!alive) return { kind: 'invalid' } as const;

    await trx
      .updateTable('sessions')
      .set({ last_used_at: now })
      .where('user_id', '=', row.id)
      .where('id', '=', row.sessionId)
      .execute();
    await issueRefreshToken(ctx, trx, row.id, row.sessionId, now);
    return { kind: 'ok', user: row, sessionId: row.sessionId } as const;
  });

  if (outcome.kind !== 'ok') {
    ctx.cookies.clear(REFRESH_COOKIE);
    throw new DomainError('UNAUTHORIZED', 'Your session has ended. Sign in again.');
  }
  return accessFor(ctx, outcome.user, outcome.sessionId);
}

export async function revokeSession(
  ctx: Context,
  userId: string,
  sessionId: string,
): Promise<void> {
  const revoked = await revokeSessionRows(ctx.db, userId, sessionId, clock(ctx));
  if (!revoked) throw new DomainError('NOT_FOUND', 'No such session');
}

/**
 * Ends every session of the user except the one making the request ("sign out everywhere
 * else", and after a password change). With no current session (an API token), ends them all.
 */
export async function revokeOtherSessions(
  db: Kysely<Database>,
  options: { user: { id: string }; currentSessionId: string | null; now?: Date },
): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: options.now ?? new Date() })
    .where('user_id', '=', options.user.id)
    .where('revoked_at', 'is', null);
  if (options.currentSessionId) query = query.where('id', '!=', options.currentSessionId);
  await query.execute();
}

export async function listSessions(
  ctx: Context,
  userId: string,
  currentSessionId: string | null,
): Promise<SessionInfo[]> {
  const now = clock(ctx);
  const rows = await ctx.db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_used_at', 'expires_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_used_at', '>', new Date(now.getTime() - ctx.auth.sessionIdleSeconds * 1000))
    .orderBy('last_used_at', 'desc')
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
  userId: string,
  sessionId: string,
  now: Date,
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

async function issueRefreshToken(
  ctx: Context,
  db: Kysely<Database>,
  userId: string,
  sessionId: string,
  now: Date,
): Promise<void> {
  const token = randomToken();
  await db
    .insertInto('refresh_tokens')
    .values({
      user_id: userId,
      session_id: sessionId,
      token_hash: hashSecret(token),
      created_at: now,
    })
    .execute();
  ctx.cookies.set(REFRESH_COOKIE, token, ctx.auth.sessionAbsoluteSeconds);
}

async function accessFor(ctx: Context, user: UserColumns, sessionId: string): Promise<Session> {
  const { token, expiresAt } = await ctx.tokens.issueAccessToken({ userId: user.id, sessionId });
  return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUser(user) };
}
