import { MAX_ACCOUNTS, MAX_CATEGORIES } from '@outlay/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseRefusal, type DomainError } from './errors.ts';
import { createHarness, type Harness, type TestUser } from './testing.ts';

// Lists and breakdowns with a row per category or account are bounded because a user can have
// at most 200 of each, whatever path writes them (the database refuses more).
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

const addCategories = (user: TestUser, names: string[]) =>
  h.write(user, (trx) =>
    trx
      .insertInto('categories')
      .values(names.map((name) => ({ user_id: user.id, name, kind: 'expense', color: '#336699' })))
      .execute(),
  );

async function refusal(promise: Promise<unknown>): Promise<DomainError | undefined> {
  const error = await promise.then(
    () => expect.fail('expected the database to refuse'),
    (e: unknown) => e,
  );
  return databaseRefusal(error);
}

describe('rows per user', () => {
  it('allows 200 categories and refuses the 201st, also within one statement, with a clear 400', async () => {
    const user = await h.createUser(); // 5 categories
    const more = Array.from({ length: MAX_CATEGORIES - 5 }, (_, i) => `Category ${i}`);
    await addCategories(user, more);
    const refused = await refusal(addCategories(user, ['One too many']));
    expect(refused).toMatchObject({
      code: 'BAD_INPUT',
      message: 'You have 200 categories, the most allowed',
    });

    const other = await h.createUser();
    // One statement that would cross the bound is refused whole.
    await refusal(
      addCategories(
        other,
        Array.from({ length: MAX_CATEGORIES }, (_, i) => `C ${i}`),
      ),
    );
    const { count } = await h.db
      .selectFrom('categories')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(5);
  });

  it('lets only one of two transactions take the last place', async () => {
    const user = await h.createUser();
    await addCategories(
      user,
      Array.from({ length: MAX_CATEGORIES - 6 }, (_, i) => `Category ${i}`),
    );
    const outcomes = await Promise.allSettled([
      addCategories(user, ['Last place A']),
      addCategories(user, ['Last place B']),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('answers categories.list and metrics.byCategory at the bound', async () => {
    const user = await h.createUser({ categories: [] });
    await addCategories(
      user,
      Array.from({ length: MAX_CATEGORIES }, (_, i) => `Category ${i}`),
    );
    const categories = await h.db
      .selectFrom('categories')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    await h.insertTransactions(user, [
      ...categories.map((c) => ({
        occurred_on: '2026-01-15',
        amount_minor: -100,
        category_id: c.id,
      })),
      { occurred_on: '2026-01-16', amount_minor: -100 },
    ]);
    const api = await h.callerFor(user);
    expect(await api.categories.list()).toHaveLength(MAX_CATEGORIES);
    const breakdown = await api.metrics.byCategory({ filter: {} });
    expect(breakdown.categories).toHaveLength(MAX_CATEGORIES + 1);
    expect(breakdown.totalSpend).toBe(100 * (MAX_CATEGORIES + 1));
  });

  it('allows 200 accounts and refuses the 201st', async () => {
    const user = await h.createUser({ accounts: 0 });
    const accounts = (n: number, from: number) =>
      h.write(user, (trx) =>
        trx
          .insertInto('accounts')
          .values(
            Array.from({ length: n }, (_, i) => ({
              user_id: user.id,
              name: `Account ${from + i}`,
              kind: 'checking' as const,
              currency: 'USD',
            })),
          )
          .execute(),
      );
    await accounts(MAX_ACCOUNTS, 0);
    expect(await refusal(accounts(1, MAX_ACCOUNTS))).toMatchObject({
      code: 'BAD_INPUT',
      message: 'You have 200 accounts, the most allowed',
    });
  });
});
