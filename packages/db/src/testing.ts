/**
 * Test databases. Every suite that touches the database runs on PGlite in-process, and again on a
 * real PostgreSQL server when TEST_DATABASE_URL is set (vitest runs a second project with
 * OUTLAY_TEST_DB=postgres). Each call gets its own empty, migrated database, so test files run in
 * parallel without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { createDb, type DatabaseKind, type OutlayDb } from './create-db.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export interface TestDb extends OutlayDb {
  /** Closes the connection and drops the throwaway database. */
  dispose(): Promise<void>;
}

/** Which database the current test project targets. */
export function testDatabaseKind(): DatabaseKind {
  return process.env.OUTLAY_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export async function createTestDb(kind: DatabaseKind = testDatabaseKind()): Promise<TestDb> {
  if (kind === 'pglite') {
    const outlay = await createDb({ url: 'pglite:memory' });
    await migrateToLatest(outlay.db);
    return { ...outlay, dispose: () => outlay.close() };
  }

  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('TEST_DATABASE_URL must be set to run tests on PostgreSQL');
  const name = `outlay_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const outlay = await createDb({ url: url.toString(), maxConnections: 4 });
  await migrateToLatest(outlay.db);
  return {
    ...outlay,
    async dispose() {
      await outlay.close();
      await withAdminClient(adminUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      );
    },
  };
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Rows where the period totals differ from a recount of the user's entries (an unsplit
 * transaction, or each line of a split one; transfers kept apart), daily and monthly. Empty when
 * the totals are exact. Rows the triggers left at zero count as absent.
 */
export async function totalsDrift(db: Kysely<Database>, userId: string): Promise<unknown[]> {
  const { rows } = await sql`
    with entries as (
      select t.occurred_on as day, t.category_id, t.amount_minor, t.transfer_id is not null as transfer
      from transactions t where t.user_id = ${userId} and not t.split
      union all
      select t.occurred_on, l.category_id, l.amount_minor, t.transfer_id is not null
      from transaction_lines l join transactions t on t.user_id = l.user_id and t.id = l.transaction_id
      where l.user_id = ${userId} and t.split
    ), recount as (
      select 'day' as period, day as at, category_id, sign(amount_minor)::smallint as sign, transfer,
        sum(amount_minor)::bigint as amount, count(*)::bigint as n
      from entries group by 2, 3, 4, 5
      union all
      select 'month', date_trunc('month', day::timestamp)::date, category_id, sign(amount_minor)::smallint,
        transfer, sum(amount_minor)::bigint, count(*)::bigint
      from entries group by 2, 3, 4, 5
    ), kept as (
      select 'day' as period, day as at, category_id, sign, transfer, amount_sum as amount, row_count as n
      from daily_totals where user_id = ${userId} and (amount_sum <> 0 or row_count <> 0)
      union all
      select 'month', month, category_id, sign, transfer, amount_sum, row_count
      from monthly_totals where user_id = ${userId} and (amount_sum <> 0 or row_count <> 0)
    )
    select r.period as recounted_period, r.at::text as recounted_at, r.amount as recounted, r.n as recounted_n,
      k.period as kept_period, k.at::text as kept_at, k.amount as kept, k.n as kept_n
    from recount r
    full join kept k on k.period = r.period and k.at = r.at and k.sign = r.sign
      and k.transfer = r.transfer and k.category_id is not distinct from r.category_id
    where r.period is null or k.period is null or r.amount <> k.amount or r.n <> k.n`.execute(db);
  return rows;
}

/** Every row of a user's logged tables, ordered by id: what undo must give back exactly. */
export async function domainRows(
  db: Kysely<Database>,
  userId: string,
): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of ['accounts', 'categories', 'transactions', 'transaction_lines'] as const) {
    rows[table] = await db
      .selectFrom(table)
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
  }
  return rows;
}
