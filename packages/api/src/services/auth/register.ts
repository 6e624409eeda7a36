import type { RegisterInput, Session } from '@outlay/contracts';
import { DEFAULT_CATEGORIES, openChangeSet } from '@outlay/db';
import { sql } from 'kysely';
import { hashPassword } from '../../auth/passwords.ts';
import type { Context } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { startSession } from './sessions.ts';

/**
 * Creates an account with a starter set of categories and one checking account, and signs it in.
 * An email already registered gets a CONFLICT: revealing that is the price of telling a person
 * why they cannot sign up; registration is rate-limited per IP to make harvesting slow.
 */
export async function register(ctx: Context, input: RegisterInput): Promise<Session> {
  await ctx.limits.beforeRegistration(ctx.ip);
  assertAcceptablePassword(input.password, input);
  const passwordHash = await hashPassword(input.password);

  const user = await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(email)`, '=', input.email)
      .executeTakeFirst();
    if (existing) throw new DomainError('CONFLICT', 'An account with this email already exists');

    const created = await trx
      .insertInto('users')
      .values({
        email: input.email,
        password_hash: passwordHash,
        display_name: input.displayName,
        profile: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The starter categories and account are the person's first change set.
    await openChangeSet(trx, {
      user: created,
      actor: { kind: 'user', id: created.id },
      action: 'auth.register',
      summary: { categories: DEFAULT_CATEGORIES.length, accounts: 1 },
    });
    await trx
      .insertInto('categories')
      .values(DEFAULT_CATEGORIES.map((category) => ({ ...category, user_id: created.id })))
      .execute();
    await trx
      .insertInto('accounts')
      .values({
        user_id: created.id,
        name: 'Everyday',
        kind: 'checking',
        currency: created.home_currency,
      })
      .execute();
    await recordAudit(trx, { action: 'auth.registered', userId: created.id, ip: ctx.ip });
    return created;
  });
  return startSession(ctx, user);
}
