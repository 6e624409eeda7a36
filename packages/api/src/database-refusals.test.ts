import { testDatabaseKind } from '@outlay/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseRefusal } from './errors.ts';
import { createHarness, type Harness } from './testing.ts';

// The database's refusals that only input (or a race) can cause are 4xx answers, never 500s.
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

describe('the error mapper', () => {
  it('maps unique, check, not-null and foreign-key violations and data exceptions; nothing else', () => {
    const report = (code: string, constraint?: string) => ({ severity: 'ERROR', code, constraint });
    expect(databaseRefusal(report('23505'))?.code).toBe('CONFLICT');
    expect(databaseRefusal(report('23505', 'users_email_key'))?.message).toBe(
      'An account with this email already exists',
    );
    for (const code of ['23514', '23502', '23503', '22021', '22P02', '22008', '22001']) {
      expect({ code, mapped: databaseRefusal(report(code))?.code }).toEqual({
        code,
        mapped: 'BAD_INPUT',
      });
    }
    // Not the client's doing: stays an internal error.
    for (const error of [report('40P01'), report('53300'), report('42P01'), new Error('x'), null]) {
      expect(databaseRefusal(error)).toBeUndefined();
    }
    // A Node system error has a code, but no severity.
    expect(databaseRefusal(Object.assign(new Error('x'), { code: '22021' }))).toBeUndefined();
  });

  it('recognises what the database really reports (NUL in text)', async () => {
    const error = await sql`select ${'a\u0000b'}::text`.execute(h.db).then(
      () => null,
      (e: unknown) => e,
    );
    expect(databaseRefusal(error)?.code).toBe('BAD_INPUT');
  });
});

describe.runIf(testDatabaseKind() === 'postgres')('a registration that loses a race', () => {
  it('for its email is answered CONFLICT, not 500', async () => {
    const email = `race-${Date.now()}@example.com`;
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    // Another request's transaction has inserted the same email and not committed yet.
    const winner = h.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({ email, password_hash: 'x', display_name: 'Winner', profile: null })
        .execute();
      inserted();
      await committed;
    });
    await insertedYet;
    // Its look-up finds no such email (uncommitted), so it inserts and waits on the index…
    const loser = h.anonymousCaller().auth.register({
      email,
      password: 'a quiet lantern over seven hills',
      displayName: 'Loser',
    });
    const outcome = loser.then(
      () => 'registered',
      (error: unknown) => error,
    );
    for (let waited = 0; waited < 200; waited += 1) {
      const { waiting } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_locks where not granted`
        .execute(h.db)
        .then((r) => r.rows[0]!);
      if (waiting > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // …until the winner commits: the unique index then refuses it.
    commit();
    await winner;
    expect(await outcome).toMatchObject({
      code: 'CONFLICT',
      message: 'An account with this email already exists',
    });
  });
});
