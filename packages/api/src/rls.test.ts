import { openChangeSet } from '@outlay/db';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createContextInner } from './context.ts';
import { APP_ROLE, withUserTransaction } from './rls.ts';
import { createHarness, type Harness, type TestUser } from './testing.ts';
import { authedProcedure, createCallerFactory, router } from './trpc.ts';

// V8.2.2 (data-specific access): row-level security keeps each user's rows out of every other
// user's requests even when a query forgets its `where user_id`, on PGlite as on PostgreSQL.
//
// The tables come from the database catalog, not from a list here: every table with a `user_id`
// column (and `users`, owned through `id`) must carry the one own-rows policy, so a migration that
// adds a table without it fails this suite. The behaviour is then exercised on every table that
// holds rows of both test users (the rows seeded below, and whatever triggers derive from them).
const h: Harness = await createHarness();
afterAll(() => h.dispose());
const alice: TestUser = await h.createUser();
const bob: TestUser = await h.createUser();
for (const user of [alice, bob]) {
  await h.insertTransactions(user, [{ occurred_on: '2025-01-01', amount_minor: -100 }]);
  const session = await h.db
    .insertInto('sessions')
    .values({ user_id: user.id, expires_at: new Date(Date.now() + 60_000) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await h.db
    .insertInto('refresh_tokens')
    .values({ user_id: user.id, session_id: session.id, token_hash: `hash-${user.id}` })
    .execute();
  await h.db
    .insertInto('api_tokens')
    .values({ user_id: user.id, name: 'n', scope: 'read', token_hash: `api-${user.id}` })
    .execute();
  await h.db
    .insertInto('recovery_codes')
    .values({ user_id: user.id, code_hash: `rc-${user.id}` })
    .execute();
  await h.db
    .insertInto('audit_log')
    .values({ user_id: user.id, action: 'auth.registered' })
    .execute();
}

/** Tables every user shares: Kysely's migration bookkeeping. */
const SHARED_TABLES = ['kysely_migration', 'kysely_migration_lock'];

interface CatalogTable {
  table: string;
  /** The column naming the owner: `id` for `users`, else `user_id`; null when it has none. */
  owner: string | null;
  enabled: boolean;
  forced: boolean;
}

const catalog = (
  await sql<CatalogTable>`
    select c.relname as "table", c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
      case
        when c.relname = 'users' then 'id'
        when exists (select 1 from pg_attribute a
          where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped) then 'user_id'
      end as owner
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`.execute(h.db)
).rows;
const owned = catalog.filter((t): t is CatalogTable & { owner: string } => t.owner !== null);

const policies = (
  await sql<{
    table: string;
    name: string;
    permissive: string;
    roles: string;
    cmd: string;
    qual: string | null;
    withCheck: string | null;
  }>`
    select tablename as "table", policyname as name, permissive, cmd, qual,
      with_check as "withCheck", array_to_string(roles, ',') as roles
    from pg_policies where schemaname = 'public'`.execute(h.db)
).rows;

/** The policies that reach requests: those for the app role, or for every role. */
const appPolicies = (table: string) =>
  policies
    .filter(
      (p) => p.table === table && p.roles.split(',').some((r) => r === APP_ROLE || r === 'public'),
    )
    .map(({ permissive, cmd, qual, withCheck }) => ({ permissive, cmd, qual, withCheck }));

/** The own-rows condition as this server prints it, taken from `transactions` and re-aimed. */
function ownRowsCondition(ownerColumn: string): string {
  const reference = appPolicies('transactions')[0]?.qual ?? '';
  expect(reference).toMatch(/^\(user_id = .*current_setting\('app\.user_id'/);
  return reference.replace(/^\(user_id = /, `(${ownerColumn} = `);
}

/** Tables holding rows of both test users, whose policies can be seen at work. */
const exercised: typeof owned = [];
for (const table of owned) {
  const { rows } = await sql<{ n: number }>`
    select count(distinct ${sql.ref(table.owner)})::int as n from ${sql.table(table.table)}
    where ${sql.ref(table.owner)} in (${alice.id}, ${bob.id})`.execute(h.db);
  if (rows[0]!.n === 2) exercised.push(table);
}

describe('the catalog', () => {
  it('finds the user-owned tables, and every other table is one all users share', () => {
    expect(owned.map((t) => t.table)).toEqual(
      expect.arrayContaining(['users', 'transactions', 'sessions', 'audit_log', 'daily_totals']),
    );
    // A table of user data without user_id escapes the policies (DESIGN §2: every user-owned
    // table carries user_id); a table shared on purpose is named in SHARED_TABLES.
    const unowned = catalog.filter((t) => t.owner === null).map((t) => t.table);
    expect(unowned.sort()).toEqual([...SHARED_TABLES].sort());
  });

  it.each(owned)(
    '$table has row-level security enabled and forced, and only the own-rows policy for requests',
    ({ table, owner, enabled, forced }) => {
      expect({ enabled, forced }).toEqual({ enabled: true, forced: true });
      const condition = ownRowsCondition(owner);
      expect(appPolicies(table)).toEqual([
        { permissive: 'PERMISSIVE', cmd: 'ALL', qual: condition, withCheck: condition },
      ]);
    },
  );

  it('has rows of both users in every table this suite seeds, so their policies are exercised', () => {
    expect(exercised.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'refresh_tokens',
        'categories',
        'accounts',
        'transactions',
        'api_tokens',
        'recovery_codes',
        'audit_log',
        'daily_totals',
        'monthly_totals',
      ]),
    );
  });
});

describe.each(exercised)('row-level security on $table', ({ table, owner }) => {
  it("shows a user's context none of another user's rows, even without a where clause", async () => {
    const owners = await withUserTransaction(h.db, alice.id, async (db) => {
      const result = await sql<{
        owner: string;
      }>`select ${sql.ref(owner)}::text as owner from ${sql.table(table)}`.execute(db);
      return result.rows.map((row) => row.owner);
    });
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([alice.id]));
    // The owner connection, for comparison, sees both users' rows.
    const all = await sql<{
      n: number;
    }>`select count(distinct ${sql.ref(owner)})::int as n from ${sql.table(table)}`.execute(h.db);
    expect(all.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('shows nothing to the app role without a user in the context', async () => {
    const count = await h.db.transaction().execute(async (db) => {
      await sql`select set_config('role', 'outlay_app', true)`.execute(db);
      const result = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
      return result.rows[0]!.n;
    });
    expect(count).toBe(0);
  });

  it("refuses to update another user's rows and to move a row to another user", async () => {
    const updated = await withUserTransaction(h.db, alice.id, async (db) => {
      const result =
        await sql`update ${sql.table(table)} set ${sql.ref(owner)} = ${sql.ref(owner)} where ${sql.ref(owner)} = ${bob.id}`.execute(
          db,
        );
      return Number(result.numAffectedRows ?? 0n);
    });
    expect(updated).toBe(0);
    await expect(
      withUserTransaction(h.db, alice.id, (db) =>
        sql`update ${sql.table(table)} set ${sql.ref(owner)} = ${bob.id} where ${sql.ref(owner)} = ${alice.id}`.execute(
          db,
        ),
      ),
    ).rejects.toThrow();
  });
});

describe('row-level security on inserts', () => {
  it("refuses a row carrying another user's id", async () => {
    await expect(
      withUserTransaction(h.db, alice.id, (db) =>
        db
          .insertInto('categories')
          .values({ user_id: bob.id, name: 'Sneaky', kind: 'expense', color: '#000000' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withUserTransaction(h.db, alice.id, (db) =>
        db
          .insertInto('transactions')
          .values({
            user_id: bob.id,
            account_id: bob.accountIds[0]!,
            occurred_on: '2025-01-01',
            amount_minor: -1,
            currency: 'USD',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    // Nothing was written.
    const sneaky = await h.db
      .selectFrom('categories')
      .select('id')
      .where('name', '=', 'Sneaky')
      .execute();
    expect(sneaky).toEqual([]);
  });

  it('accepts a row for the user in the context', async () => {
    await withUserTransaction(h.db, alice.id, async (db) => {
      // A write to a user's data belongs to a change set (DESIGN §9).
      await openChangeSet(db, {
        user: alice,
        actor: { kind: 'user', id: alice.id },
        action: 'test.write',
        summary: {},
      });
      await db
        .insertInto('categories')
        .values({ user_id: alice.id, name: 'Allowed', kind: 'expense', color: '#000000' })
        .execute();
    });
    const rows = await h.db
      .selectFrom('categories')
      .select('user_id')
      .where('name', '=', 'Allowed')
      .execute();
    expect(rows).toEqual([{ user_id: alice.id }]);
  });
});

describe('authenticated procedures', () => {
  // The credential look-up itself enters the user's context (services/auth/authenticate.ts):
  // whatever a procedure then queries, without a where clause, is the caller's own.
  const probeRouter = router({
    probe: authedProcedure.query(async ({ ctx }) => {
      const { rows } = await sql<{ role: string; userId: string; visibleUsers: number }>`
        select current_user as role, current_setting('app.user_id', true) as "userId",
          (select count(distinct user_id) from transactions)::int as "visibleUsers"`.execute(
        ctx.db,
      );
      return rows[0];
    }),
  });
  const probeAs = (accessToken: string) =>
    createCallerFactory(probeRouter)(createContextInner(h.deps, { accessToken })).probe();

  it('run as the app role in the context of the user an access token names', async () => {
    const token = await h.accessTokenFor(alice);
    expect(await probeAs(token)).toEqual({ role: APP_ROLE, userId: alice.id, visibleUsers: 1 });
  });

  it('run as the app role in the context of the user an API token belongs to', async () => {
    const { token } = await (
      await h.callerFor(bob)
    ).auth.apiTokens.create({
      name: 'probe',
      scope: 'read',
    });
    expect(await probeAs(token)).toEqual({ role: APP_ROLE, userId: bob.id, visibleUsers: 1 });
  });
});
