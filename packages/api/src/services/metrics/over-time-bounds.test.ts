import { addDays, MAX_DATE, MAX_OVER_TIME_BUCKETS, MIN_DATE } from '@outlay/contracts';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../../testing.ts';

// Over-time answers at the edges of the date domain: every range a client may send ends, and
// every answer is bounded. A one-day range on the last representable day once looped forever.
let h: Harness;
let user: TestUser;
let api: Awaited<ReturnType<Harness['callerFor']>>;
beforeAll(async () => {
  h = await createHarness();
  user = await h.createUser();
  await h.insertTransactions(user, [
    { occurred_on: MIN_DATE, amount_minor: -1_000, category_id: user.categories.Dining! },
    { occurred_on: MAX_DATE, amount_minor: -2_500, category_id: user.categories.Dining! },
  ]);
  api = await h.callerFor(user);
});
afterAll(() => h.dispose());

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('metrics.overTime at the edges of the date domain', () => {
  const edgeRanges = [
    { from: MAX_DATE, to: MAX_DATE },
    { from: MIN_DATE, to: MIN_DATE },
    { from: addDays(MAX_DATE, -40), to: MAX_DATE },
    { from: MIN_DATE, to: addDays(MIN_DATE, 40) },
  ];
  for (const granularity of ['day', 'week', 'month', 'auto'] as const) {
    it(`answers one-day and short ranges at both ends by ${granularity}`, async () => {
      for (const range of edgeRanges) {
        const answer = await api.metrics.overTime({ filter: range, granularity });
        expect(answer.buckets.length).toBeGreaterThan(0);
        expect(answer.buckets.at(0)!.from).toBe(range.from);
        expect(answer.buckets.at(-1)!.to).toBe(range.to);
        const total = answer.buckets.reduce((sum, b) => sum + b.spendMinor, 0);
        const summary = await api.metrics.summary({ filter: range });
        expect(total).toBe(summary.totalSpend);
      }
    });
  }

  it('answers the whole domain by month and by auto, within the bucket limit', async () => {
    for (const granularity of ['month', 'auto'] as const) {
      const answer = await api.metrics.overTime({
        filter: { from: MIN_DATE, to: MAX_DATE },
        granularity,
      });
      expect(answer.granularity).toBe('month');
      expect(answer.buckets).toHaveLength(2_412);
      expect(answer.buckets.reduce((sum, b) => sum + b.spendMinor, 0)).toBe(3_500);
    }
  });

  it('answers an open range whose data sits at both ends of the domain', async () => {
    const answer = await api.metrics.overTime({ filter: {}, granularity: 'auto' });
    expect(answer.buckets).toHaveLength(2_412);
  });

  it('refuses more buckets than the limit with BAD_REQUEST naming it', async () => {
    for (const [granularity, from] of [
      ['day', MIN_DATE],
      ['week', MIN_DATE],
      ['day', addDays(MAX_DATE, -MAX_OVER_TIME_BUCKETS)],
    ] as const) {
      const error = await refusal(
        api.metrics.overTime({ filter: { from, to: MAX_DATE }, granularity }),
      );
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toContain('2,500');
    }
    // An open range resolves its ends from the data: the limit applies there too.
    const open = await refusal(api.metrics.overTime({ filter: {}, granularity: 'day' }));
    expect(open.code).toBe('BAD_REQUEST');
  });

  it('refuses dates outside the domain at the contract', async () => {
    for (const filter of [
      { from: '9999-12-31', to: '9999-12-31' },
      { from: '0000-01-01' },
      { to: '2101-01-01' },
      { from: '1899-12-31' },
    ]) {
      const error = await refusal(api.metrics.overTime({ filter, granularity: 'auto' }));
      expect(error.code).toBe('BAD_REQUEST');
    }
  });
});
