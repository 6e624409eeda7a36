import type { RegisterInput } from '@outlay/contracts';
import { DEFAULT_CATEGORIES, openChangeSet, type Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { hashPassword } from '../../auth/passwords.ts';
import type { RequestOrigin } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { inTransaction } from '../../in-transaction.ts';
import type { RateLimits } from '../../rate-limit/rate-limits.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { startSession, type SessionIssuer, type SignedIn } from './sessions.ts';

export const EMAIL_TAKEN = 'An account with this email already exists';

/**
 * Creates an account with a starter set of categories and one checking account, and signs it in,
 * all in one transaction. An email already registered gets a CONFLICT: revealing that is the
 * price of telling a person why they cannot sign up; registration is rate-limited per IP to make
 * harvesting slow. Two registrations racing with one email both pass the look-up; the unique
 * index refuses the second, and the error mapper (errors.ts) answers it with CONFLICT too.
 */
export async function register(
  db: Kysely<Database>,
  {
    email,
    password,
    displayName,
    from,
    now,
    limits,
    tokens,
    lifetimes,
  }: RegisterInput & { from: RequestOrigin; now: Date; limits: RateLimits } & SessionIssuer,
): Promise<SignedIn> {
  await limits.beforeRegistration(from.ip);
  assertAcceptablePassword(password, { email });
  const passwordHash = await hashPassword(password);

  return inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(email)`, '=', email)
      .executeTakeFirst();
    if (existing) throw new DomainError('CONFLICT', EMAIL_TAKEN);

    const user = await trx
      .insertInto('users')
      .values({
        email,
        password_hash: passwordHash,
        display_name: displayName,
        profile: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The starter categories and account are the person's first change set.
    await openChangeSet(trx, {
      user,
      actor: { kind: 'user', id: user.id },
      action: 'auth.register',
      summary: { categories: DEFAULT_CATEGORIES.length, accounts: 1 },
    });
    await trx
      .insertInto('categories')
      .values(DEFAULT_CATEGORIES.map((category) => ({ ...category, user_id: user.id })))
      .execute();
    await trx
      .insertInto('accounts')
      .values({
        user_id: user.id,
        name: 'Everyday',
        kind: 'checking',
        currency: user.home_currency,
      })
      .execute();
    await recordAudit(trx, { action: 'auth.registered', userId: user.id, ip: from.ip });
    return startSession(trx, { user, from, now, tokens, lifetimes });
  });
}
