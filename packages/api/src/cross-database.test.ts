import { createTestDb, testDatabaseUrl } from '@outlay/db/testing';
import { describe, expect, it } from 'vitest';
import { createHarness } from './testing.ts';

// Aggregates and money must have identical types and values on PGlite and PostgreSQL: the same
// rows go into both and every procedure's answer must be deep-equal, ids aside. Needs a PostgreSQL
// server (TEST_DATABASE_URL, always set in CI); the postgres project excludes this file.
describe.runIf(testDatabaseUrl())('PGlite and PostgreSQL', () => {
  it('give identical answers, with numbers as numbers and dates as strings', async () => {
    const answers = [];
    for (const kind of ['pglite', 'postgres'] as const) {
      const h = await createHarness(await createTestDb(kind));
      try {
        const user = await h.createUser();
        await h.insertTransactions(user, [
          // Near the edges of what a number holds exactly, to catch string/float conversions.
          {
            occurred_on: '2024-02-29',
            amount_minor: -4_503_599_627_370_495,
            category_id: user.categories.Travel!,
          },
          {
            occurred_on: '2024-03-01',
            amount_minor: 4_503_599_627_370_000,
            category_id: user.categories.Travel!,
          },
          { occurred_on: '2024-12-31', amount_minor: -1_999, category_id: user.categories.Dining! },
          { occurred_on: '2025-01-01', amount_minor: -1 },
          {
            occurred_on: '2025-01-02',
            amount_minor: 250_000,
            category_id: user.categories.Salary!,
          },
        ]);
        const api = await h.callerFor(user);
        const filter = {};
        const strip = (value: unknown) =>
          JSON.parse(
            JSON.stringify(value, (key, v: unknown) => (/(^id$|Id$)/.test(key) ? typeof v : v)),
          ) as unknown;
        const summary = await api.metrics.summary({ filter });
        expect(typeof summary.totalSpend).toBe('number');
        expect(summary.rangeFrom).toBe('2024-02-29');
        answers.push({
          summary: strip(summary),
          overTime: strip(await api.metrics.overTime({ filter, granularity: 'week' })),
          byCategory: strip(await api.metrics.byCategory({ filter })),
          list: strip(
            (await api.transactions.list({ filter, sort: { field: 'amount', direction: 'asc' } }))
              .items,
          ),
        });
      } finally {
        await h.dispose();
      }
    }
    expect(answers[0]).toEqual(answers[1]);
    expect((answers[0]!.summary as { totalSpend: number }).totalSpend).toBe(
      4_503_599_627_370_495 - 4_503_599_627_370_000 + 1_999 + 1,
    );
  });
});
