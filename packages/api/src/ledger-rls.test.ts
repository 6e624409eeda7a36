import { openChangeSet } from '@outlay/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, withUserTransaction } from './rls.ts';
import { LOGGED_TABLES } from './services/history/logged-tables.ts';
import { createHarness, type Harness, type TestUser } from './testing.ts';

// Row-level security and the change log cover the tables that recording money added (DESIGN §5,
// §9) and budgets (§11): change sets, the log, split lines and budgets are as private as every user table, and every
// user-owned domain table in the catalog carries the log's triggers.

let h: Harness;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await createHarness();
  [alice, bob] = [await h.createUser(), await h.createUser()];
  for (const user of [alice, bob]) {
    const api = await h.callerFor(user);
    await api.transactions.create({
      accountId: user.accountIds[0]!,
      occurredOn: '2025-01-01',
      amountMinor: -300,
      splits: [
        { categoryId: user.categories.Dining!, amountMinor: -100 },
        { categoryId: null, amountMinor: -200 },
      ],
    });
    await api.budgets.create({
      categoryId: user.categories.Dining!,
      period: 'monthly',
      amountMinor: 40_000,
      startsOn: '2025-01-01',
    });
  }
});
afterAll(() => h.dispose());

const NEW_TABLES = ['change_sets', 'change_log', 'transaction_lines', 'budgets'] as const;

describe.each(NEW_TABLES)('row-level security on %s', (table) => {
  it("shows a user's context only their own rows, and the app role without a user nothing", async () => {
    const owners = await withUserTransaction(h.db, alice.id, async (db) => {
      const { rows } = await sql<{
        owner: string;
      }>`select user_id::text as owner from ${sql.table(table)}`.execute(db);
      return rows.map((row) => row.owner);
    });
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([alice.id]));
    const anonymous = await h.db.transaction().execute(async (db) => {
      await sql`select set_config('role', ${APP_ROLE}, true)`.execute(db);
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
      return rows[0]!.n;
    });
    expect(anonymous).toBe(0);
  });

  it("refuses to touch another user's rows or give a row to another user", async () => {
    const updated = await withUserTransaction(h.db, alice.id, async (db) => {
      const result =
        await sql`update ${sql.table(table)} set user_id = user_id where user_id = ${bob.id}`.execute(
          db,
        );
      return Number(result.numAffectedRows ?? 0n);
    });
    expect(updated).toBe(0);
    const deleted = await withUserTransaction(h.db, alice.id, async (db) => {
      const result = await sql`delete from ${sql.table(table)} where user_id = ${bob.id}`.execute(
        db,
      );
      return Number(result.numAffectedRows ?? 0n);
    });
    expect(deleted).toBe(0);
    await expect(
      withUserTransaction(h.db, alice.id, async (db) => {
        await openChangeSet(db, {
          user: alice,
          actor: { kind: 'user', id: alice.id },
          action: 'test.write',
          summary: {},
        });
        await sql`update ${sql.table(table)} set user_id = ${bob.id} where user_id = ${alice.id}`.execute(
          db,
        );
      }),
    ).rejects.toThrow();
  });
});

describe('the catalog', () => {
  it('puts the change log on every user-owned domain table, and only those listed for undo', async () => {
    const { rows: logged } = await sql<{ table: string }>`
      select distinct c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgname = c.relname || '_change_log_insert' order by 1`.execute(h.db);
    expect(logged.map((row) => row.table).sort()).toEqual([...LOGGED_TABLES].sort());
    // Tables with a user_id that are not domain data: accounts' security, the log itself, and
    // derived totals. A new user-owned table must join the log or be named here on purpose.
    const notDomain = [
      'users',
      'sessions',
      'refresh_tokens',
      'api_tokens',
      'recovery_codes',
      'audit_log',
      'change_sets',
      'change_log',
      'daily_totals',
      'monthly_totals',
      // The import flow's bookkeeping: a preview writes no money, and the commit's change set
      // (which logs the transactions it writes) is what undo reverses.
      'import_batches',
      'import_rows',
    ];
    const { rows: owned } = await sql<{ table: string }>`
      select distinct table_name as table from information_schema.columns
      where table_schema = 'public' and column_name = 'user_id'`.execute(h.db);
    const domain = owned.map((row) => row.table).filter((table) => !notDomain.includes(table));
    expect(domain.sort()).toEqual([...LOGGED_TABLES].sort());
  });

  it('forces row-level security with a policy for the app role on every table with a user_id', async () => {
    const { rows } = await sql<{ table: string; forced: boolean; policies: number }>`
      select c.relname as table, c.relrowsecurity and c.relforcerowsecurity as forced,
        (select count(*) from pg_policy p where p.polrelid = c.oid
          and (select oid from pg_roles where rolname = ${APP_ROLE}) = any(p.polroles))::int as policies
      from pg_class c
      where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id')`.execute(
      h.db,
    );
    expect(rows.map((row) => row.table)).toEqual(expect.arrayContaining([...NEW_TABLES]));
    for (const row of rows) expect(row, row.table).toMatchObject({ forced: true, policies: 1 });
  });
});
