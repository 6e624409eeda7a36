import { totalsDrift } from '@outlay/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';

// Concurrent writes of one person (two devices, a script and the web app): every change set
// takes the user's lock first (DESIGN §9), so overlapping bulk edits run one after the other —
// none is lost, none deadlocks — and the period totals always equal a recount. On PostgreSQL the
// calls below really overlap (a pool of connections); on PGlite they queue on its one connection.

let h: Harness;
let user: TestUser;
let ids: string[];
beforeAll(async () => {
  h = await createHarness();
  user = await h.createUser();
  const names = ['Groceries', 'Dining', 'Travel', 'Salary'];
  ids = await h.insertTransactions(
    user,
    Array.from({ length: 200 }, (_, i) => ({
      occurred_on: `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      amount_minor: i % 7 === 0 ? 10_000 + i : -(100 + i),
      category_id: user.categories[names[i % names.length]!]!,
      payee: `Payee ${i}`,
    })),
  );
});
afterAll(() => h.dispose());

const rowsOf = async () =>
  new Map(
    (
      await h.db
        .selectFrom('transactions')
        .select(['id', 'category_id', 'payee', 'notes'])
        .where('user_id', '=', user.id)
        .execute()
    ).map((row) => [row.id, row]),
  );

it('applies both of two overlapping bulk updates in full, and keeps the totals exact', async () => {
  const [first, second] = [await h.callerFor(user), await h.callerFor(user)];
  for (let round = 0; round < 3; round += 1) {
    const a = ids.slice(0, 140);
    const b = ids.slice(60);
    const groceries = user.categories[round % 2 === 0 ? 'Groceries' : 'Travel']!;
    await Promise.all([
      first.transactions.bulkUpdate({ ids: a, set: { categoryId: groceries } }),
      second.transactions.bulkUpdate({ ids: b, set: { payee: `Round ${round}`, notes: 'seen' } }),
    ]);
    const rows = await rowsOf();
    for (const id of a) expect(rows.get(id)!.category_id).toBe(groceries);
    for (const id of b)
      expect(rows.get(id)).toMatchObject({ payee: `Round ${round}`, notes: 'seen' });
    expect(await totalsDrift(h.db, user.id)).toEqual([]);
  }
});

it('leaves the rows both updates set to one value, whole, when they set the same field', async () => {
  const [first, second] = [await h.callerFor(user), await h.callerFor(user)];
  const a = ids.slice(0, 120);
  const b = ids.slice(80);
  await Promise.all([
    first.transactions.bulkUpdate({ ids: a, set: { categoryId: user.categories.Dining! } }),
    second.transactions.bulkUpdate({ ids: b, set: { categoryId: user.categories.Salary! } }),
  ]);
  const rows = await rowsOf();
  const overlap = new Set(ids.slice(80, 120).map((id) => rows.get(id)!.category_id));
  // One statement ran after the other: the overlap holds the later one's value throughout.
  expect(overlap.size).toBe(1);
  const later = [...overlap][0];
  for (const id of ids.slice(0, 80)) expect(rows.get(id)!.category_id).toBe(user.categories.Dining);
  for (const id of ids.slice(120)) expect(rows.get(id)!.category_id).toBe(user.categories.Salary);
  expect([user.categories.Dining, user.categories.Salary]).toContain(later);
  expect(await totalsDrift(h.db, user.id)).toEqual([]);
});

it('keeps the totals exact when an undo races an edit of the same rows', async () => {
  const [first, second] = [await h.callerFor(user), await h.callerFor(user)];
  const edit = await first.transactions.bulkUpdate({
    ids: ids.slice(0, 50),
    set: { categoryId: user.categories.Travel! },
  });
  const [undo, other] = await Promise.allSettled([
    first.history.undo({ changeSetId: edit.changeSetId }),
    second.transactions.bulkUpdate({ ids: ids.slice(40, 60), set: { notes: 'raced' } }),
  ]);
  expect(other.status).toBe('fulfilled');
  // Whichever ran first, the undo either reversed the edit before the other write, or found rows
  // it touched changed and refused, changing nothing.
  if (undo.status === 'rejected') expect(undo.reason).toMatchObject({ code: 'CONFLICT' });
  const rows = await rowsOf();
  const travel = ids
    .slice(0, 40)
    .filter((id) => rows.get(id)!.category_id === user.categories.Travel).length;
  expect(travel).toBe(undo.status === 'fulfilled' ? 0 : 40);
  expect(await totalsDrift(h.db, user.id)).toEqual([]);
});
