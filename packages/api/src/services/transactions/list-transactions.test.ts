import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';

let h: Harness;
let user: TestUser;
let originalIds: string[];
beforeAll(async () => {
  h = await createHarness();
  user = await h.createUser();
  // Many rows share a date and an amount, so the id tie-breaker is what keeps pages apart.
  originalIds = await h.insertTransactions(
    user,
    Array.from({ length: 137 }, (_, i) => ({
      occurred_on: `2025-0${1 + (i % 3)}-${String(1 + (i % 5)).padStart(2, '0')}`,
      amount_minor: -100 * (1 + (i % 7)),
      category_id: user.categories.Groceries!,
      payee: `Shop ${i}`,
    })),
  );
});
afterAll(() => h.dispose());

type Sort = { field: 'date' | 'amount'; direction: 'asc' | 'desc' };
const sorts: Sort[] = [
  { field: 'date', direction: 'desc' },
  { field: 'date', direction: 'asc' },
  { field: 'amount', direction: 'desc' },
  { field: 'amount', direction: 'asc' },
];

describe('transactions.list', () => {
  it.each(sorts)(
    'returns every row exactly once, in order, sorted by $field $direction',
    async (sort) => {
      const api = await h.callerFor(user);
      const seen: { id: string; occurredOn: string; amountMinor: number }[] = [];
      let cursor: string | null = null;
      do {
        const page = await api.transactions.list({ filter: {}, limit: 10, sort, cursor });
        expect(page.items.length).toBeLessThanOrEqual(10);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map((r) => r.id).sort()).toEqual([...originalIds].sort());
      const key = (r: (typeof seen)[number]) =>
        sort.field === 'date' ? r.occurredOn : r.amountMinor;
      for (let i = 1; i < seen.length; i += 1) {
        const [a, b] = [key(seen[i - 1]!), key(seen[i]!)];
        if (sort.direction === 'asc') expect(a <= b).toBe(true);
        else expect(a >= b).toBe(true);
      }
    },
  );

  it.each(sorts)(
    'still returns every original row exactly once when rows are inserted between pages ($field $direction)',
    async (sort) => {
      const api = await h.callerFor(user);
      const seen = new Map<string, number>();
      let cursor: string | null = null;
      let page = 0;
      const insertedIds: string[] = [];
      do {
        const result = await api.transactions.list({ filter: {}, limit: 25, sort, cursor });
        for (const item of result.items) seen.set(item.id, (seen.get(item.id) ?? 0) + 1);
        cursor = result.nextCursor;
        page += 1;
        // New rows land before, among and after the rows already read.
        insertedIds.push(
          ...(await h.insertTransactions(user, [
            { occurred_on: '2024-12-31', amount_minor: -50, payee: `late ${page}` },
            { occurred_on: '2025-02-03', amount_minor: -300, payee: `middle ${page}` },
            { occurred_on: '2025-12-31', amount_minor: -99_999, payee: `early ${page}` },
          ])),
        );
      } while (cursor);
      for (const id of originalIds) expect(seen.get(id)).toBe(1);
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
      await h.write(user, (db) =>
        db.deleteFrom('transactions').where('id', 'in', insertedIds).execute(),
      );
    },
  );

  it.each(sorts.filter((sort) => sort.field === 'date'))(
    'jumps to a date in one request and pages on from there exactly as a walk would ($direction)',
    async (sort) => {
      const api = await h.callerFor(user);
      const walk = async (start: { cursor?: string | null; startAt?: string }) => {
        const seen: { entryId: string; occurredOn: string }[] = [];
        let next: { cursor?: string | null; startAt?: string } | null = start;
        while (next) {
          const page = await api.transactions.list({ filter: {}, limit: 7, sort, ...next });
          seen.push(...page.items);
          next = page.nextCursor ? { cursor: page.nextCursor } : null;
        }
        return seen.map((row) => `${row.occurredOn} ${row.entryId}`);
      };
      const all = await walk({});
      // A date with rows, one between rows, and both ends of the history and beyond.
      for (const date of [
        '2025-02-03',
        '2025-02-10',
        '2025-01-01',
        '2025-03-05',
        '2024-12-31',
        '2025-04-01',
      ]) {
        const from = all.findIndex((row) =>
          sort.direction === 'desc' ? row.slice(0, 10) <= date : row.slice(0, 10) >= date,
        );
        expect(await walk({ startAt: date })).toEqual(from === -1 ? [] : all.slice(from));
      }
    },
  );

  it('refuses a start date with the amount sort or with a cursor', async () => {
    const api = await h.callerFor(user);
    await expect(
      api.transactions.list({
        startAt: '2025-02-01',
        sort: { field: 'amount', direction: 'desc' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const { nextCursor } = await api.transactions.list({ limit: 5 });
    await expect(
      api.transactions.list({ startAt: '2025-02-01', cursor: nextCursor }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses a limit above 500, a malformed cursor and a cursor from another sort order', async () => {
    const api = await h.callerFor(user);
    await expect(api.transactions.list({ filter: {}, limit: 501 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      api.transactions.list({ filter: {}, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const first = await api.transactions.list({
      filter: {},
      limit: 5,
      sort: { field: 'date', direction: 'desc' },
    });
    await expect(
      api.transactions.list({
        filter: {},
        cursor: first.nextCursor,
        sort: { field: 'amount', direction: 'desc' },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The cursor belongs to a different sort order',
    });
  });

  it('carries each row with its account, category and spend value', async () => {
    const api = await h.callerFor(user);
    const page = await api.transactions.list({ filter: { search: 'Shop 42' }, limit: 5 });
    expect(page.items).toEqual([
      expect.objectContaining({
        payee: 'Shop 42',
        accountName: 'Account 1',
        categoryName: 'Groceries',
        categoryKind: 'expense',
        amountMinor: -100,
        spendMinor: 100,
        currency: 'USD',
      }),
    ]);
    expect(page.nextCursor).toBeNull();
  });
});
