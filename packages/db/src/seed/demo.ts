/**
 * Demo data: three people with two years of believable history, so a fresh install has something
 * to look at. Generation is deterministic (a PRNG seeded by each user's email, calendar arithmetic
 * on whole days), so the same `today` always yields the same rows and screenshots, tests and
 * benchmarks can rely on them.
 *
 * This file is the public surface and the insertion; the people are in demo-profiles.ts, the walk
 * over their days in demo-history.ts, the ledger in ledger.ts and the dice in random.ts.
 */
import { sql, type Kysely } from 'kysely';
import { openChangeSet } from '../change-sets.ts';
import type { CategoriesTable, Database, NewTransaction } from '../schema.ts';
import { formatIsoDate, parseIsoDate, todayUtc } from './dates.ts';
import { generateHistory } from './demo-history.ts';
import { PROFILES, type DemoProfile } from './demo-profiles.ts';
import type { Entry } from './ledger.ts';
import { CATEGORY_COLORS, type CategoryName } from './palette.ts';

export type { DemoProfile } from './demo-profiles.ts';

export interface DemoUser {
  email: string;
  displayName: string;
  profile: DemoProfile;
}

/** Every demo user's password. The caller hashes it: this package does not depend on argon2. */
export const DEMO_PASSWORD = 'password123';

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'john.doe@example.com', displayName: 'John Doe', profile: 'practical' },
  { email: 'jane.doe@example.com', displayName: 'Jane Doe', profile: 'social' },
  { email: 'charlie@example.com', displayName: 'Charlie Williams', profile: 'lifestyle' },
];

/** Days of history per demo user, ending on and including `today`. */
export const DEMO_HISTORY_DAYS = 730;

export interface SeedDemoOptions {
  /** Hash of {@link DEMO_PASSWORD}, stored for every demo user. */
  passwordHash: string;
  /** Last day of the history, `YYYY-MM-DD`; defaults to today's UTC date. */
  today?: string;
}

export interface DemoSeedUserResult {
  id: string;
  email: string;
  profile: DemoProfile;
  categories: number;
  accounts: number;
  transactions: number;
}

export interface DemoSeedResult {
  /** First day of the history. */
  from: string;
  /** Last day of the history (`today`). */
  to: string;
  users: DemoSeedUserResult[];
}

/**
 * Inserts the demo users, their categories, accounts and history in one transaction.
 * Throws if any demo email is taken: demo data goes into an empty database only.
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: SeedDemoOptions,
): Promise<DemoSeedResult> {
  const last = parseIsoDate(options.today ?? todayUtc());
  const first = last - DEMO_HISTORY_DAYS + 1;
  const histories = DEMO_USERS.map((user) => ({
    user,
    entries: generateHistory(user, first, last),
  }));

  const users = await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('email')
      .where((eb) =>
        eb(
          eb.fn('lower', ['email']),
          'in',
          DEMO_USERS.map((u) => u.email.toLowerCase()),
        ),
      )
      .execute();
    if (taken.length > 0) {
      const emails = taken.map((u) => u.email).join(', ');
      throw new Error(
        `Demo users already exist (${emails}); demo data is seeded only into an empty database`,
      );
    }
    const results: DemoSeedUserResult[] = [];
    for (const { user, entries } of histories) {
      results.push(await insertUser(trx, user, entries, options.passwordHash));
    }
    return results;
  });
  // Statistics for the planner: PGlite has no autovacuum to collect them later.
  await sql`analyze transactions, daily_totals, monthly_totals`.execute(db);
  return { from: formatIsoDate(first), to: formatIsoDate(last), users };
}

// ---------------------------------------------------------------------------------------------
// Insertion

const INSERT_BATCH = 1000;

async function insertUser(
  trx: Kysely<Database>,
  user: DemoUser,
  entries: readonly Entry[],
  passwordHash: string,
): Promise<DemoSeedUserResult> {
  const settings = PROFILES[user.profile];
  const { id: userId } = await trx
    .insertInto('users')
    .values({
      email: user.email,
      password_hash: passwordHash,
      display_name: user.displayName,
      profile: user.profile,
      home_currency: 'USD',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // One change set per person: their history shows the demo data as one entry, undoable as one.
  await openChangeSet(trx, {
    user: { id: userId },
    actor: { kind: 'job', id: null },
    action: 'seed.demo',
    summary: { transactions: entries.length },
  });

  const categoryNames: CategoryName[] = [...settings.expenses, 'Salary', 'Transfer'];
  const categories = await trx
    .insertInto('categories')
    .values(
      categoryNames.map((name) => ({
        user_id: userId,
        name,
        kind: categoryKind(name),
        color: CATEGORY_COLORS[name],
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const accounts = await trx
    .insertInto('accounts')
    .values([
      {
        user_id: userId,
        name: 'Everyday',
        kind: 'checking',
        currency: 'USD',
        opening_balance_minor: settings.openingCents.Everyday,
      },
      {
        user_id: userId,
        name: 'Savings',
        kind: 'savings',
        currency: 'USD',
        opening_balance_minor: settings.openingCents.Savings,
      },
    ])
    .returning(['id', 'name'])
    .execute();

  const categoryIds = new Map(categories.map((c) => [c.name, c.id]));
  const accountIds = new Map(accounts.map((a) => [a.name, a.id]));
  const rows = entries.map((e): NewTransaction => ({
    user_id: userId,
    account_id: idOf(accountIds, e.account),
    occurred_on: formatIsoDate(e.day),
    amount_minor: e.amount,
    currency: 'USD',
    category_id: e.category === null ? null : idOf(categoryIds, e.category),
    payee: e.payee,
    description: e.description,
  }));
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx
      .insertInto('transactions')
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
  }
  return {
    id: userId,
    email: user.email,
    profile: user.profile,
    categories: categories.length,
    accounts: accounts.length,
    transactions: rows.length,
  };
}

function categoryKind(name: CategoryName): CategoriesTable['kind'] {
  if (name === 'Salary') return 'income';
  if (name === 'Transfer') return 'transfer';
  return 'expense';
}

function idOf(ids: ReadonlyMap<string, string>, name: string): string {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`No id for "${name}"`);
  return id;
}
