import type { LoginInput, Session } from '@outlay/contracts';
import { sql } from 'kysely';
import {
  dummyPasswordHash,
  hashPassword,
  passwordNeedsRehash,
  verifyPassword,
} from '../../auth/passwords.ts';
import type { Context } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { toUser } from './user.ts';

/** One message for unknown email and wrong password, so sign-in does not reveal who has an account. */
export const INVALID_CREDENTIALS = 'Incorrect email or password';

export async function login(ctx: Context, input: LoginInput): Promise<Session> {
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', input.email.toLowerCase())
    .executeTakeFirst();

  // Verify against a real hash even for an unknown email, so both failures take the same time.
  const valid = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !valid || user.disabled_at !== null) {
    throw new DomainError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }

  if (passwordNeedsRehash(user.password_hash)) {
    const rehashed = await hashPassword(input.password);
    await ctx.db
      .updateTable('users')
      .set({ password_hash: rehashed })
      .where('id', '=', user.id)
      .execute();
  }

  const now = ctx.now?.() ?? new Date();
  const session = await ctx.db
    .insertInto('sessions')
    .values({
      user_id: user.id,
      user_agent: ctx.userAgent?.slice(0, 500) ?? null,
      ip: ctx.ip ?? null,
      expires_at: new Date(now.getTime() + ctx.sessionTtlSeconds * 1000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const { token, expiresAt } = await ctx.tokens.issueAccessToken({
    userId: user.id,
    sessionId: session.id,
  });
  return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUser(user) };
}
